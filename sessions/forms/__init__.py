"""Forms for the programme pages: what a person typed, checked, in plain words."""
