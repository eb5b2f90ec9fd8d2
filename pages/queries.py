"""Who may read feedback: team leads, for their own service (STYLE.md: scoped reads)."""

from django.db import models


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Feedback about the user's own service, for those who read its reports.

        Superusers read every service's; anyone else, none.
        """
        from accounts.permissions import Permission, has_permission

        if not has_permission(user, Permission.VIEW_REPORTS):
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.team_id:
            return self.none()
        return self.filter(service__teams=user.team_id)

    def satisfaction_counts(self):
        """``{score: count}`` for every score, in one query."""
        from .models import Satisfaction

        counts = self.order_by().aggregate(
            **{
                f"s{score}": models.Count("pk", filter=models.Q(satisfaction=score))
                for score in Satisfaction.values
            }
        )
        return {score: counts[f"s{score}"] for score in Satisfaction.values}
