"""Follow-up tasks, flags and what families do with their appointment links."""

from ..registry import register

NOT_BROUGHT_FLAGGED = register(
    "programme.not_brought_flagged",
    "Safeguarding review flagged: missed visits",
    holds="visit: the latest missed visit's id; task: the flag's public id.",
)
TASK_DONE = register(
    "task.done",
    "Task done",
    holds="task: the task's public id; kind: what kind of task.",
)
FAMILY_CONFIRMED = register(
    "visit.confirmed_by_family",
    "Visit confirmed by the family",
    holds="visit: the visit's id. Through the family's appointment link.",
)
FAMILY_ASKED_TO_REARRANGE = register(
    "visit.rearrange_asked",
    "Family asked to rearrange",
    holds="visit: the visit's id; task: the guider's task. Their message is in the task.",
)
WORK_RETRIED = register(
    "work.retried",
    "Failed scheduled work tried again",
    holds="kind: what work; attempts: how many it had; error: the last error in plain words.",
)
MESSAGE_RETRIED = register(
    "message.retried",
    "Undelivered message sent again",
    holds="channel, template: which message; notify_status: what GOV.UK Notify had said.",
)
