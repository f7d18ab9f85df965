"""Background tasks (django-tasks). Enqueued from services in `transaction.on_commit`."""

from django_tasks import task

from .models import Session
from .notifications import send_session_email, session_recipients


@task()
def notify_session_participants(session_id: int, change: str) -> int:
    """Email each participant about a planned, changed or cancelled session. Returns the number of emails sent."""

    session = Session.objects.select_related("advisor", "group").filter(pk=session_id).first()
    if session is None:
        return 0
    recipients = session_recipients(session)
    for user in recipients:
        send_session_email(session, user, change=change)
    return len(recipients)
