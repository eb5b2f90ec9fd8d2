"""What the family would like help with, in their own words."""

from .base import LONG_TEXT_MAX, StepForm, text_field


class HelpWantedForm(StepForm):
    page_heading_field = "help_wanted"

    def setup(self):
        self.fields["help_wanted"] = text_field(
            self.you("What would you like help with?", "What would the family like help with?"),
            subject="Your answer",
            max_length=LONG_TEXT_MAX,
            textarea=True,
            rows=8,
            hint=self.you(
                "Tell us in your own words. For example, what is going well, what you find "
                "hard, or what you would like to be different. You can enter up to 2,000 "
                "characters.",
                "Use the family's own words where you can. You can enter up to 2,000 characters.",
            ),
            required_message=self.you(
                "Enter what you would like help with", "Enter what the family would like help with"
            ),
        )

    def summary(self, cleaned):
        return [
            (
                self.you("What you would like help with", "What the family would like help with"),
                cleaned["help_wanted"],
            )
        ]
