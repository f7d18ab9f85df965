"""Domain events of the training app. Higher apps (certificates) subscribe; courses never imports them.

course_completed
    Sent exactly once per enrolment, after the transaction that completed it commits.
    Keyword arguments: ``enrollment`` (courses.Enrollment), ``user``, ``course`` (courses.Course).
    ``enrollment.evidence()`` gives what a certificate records (see courses.models).
"""

from django.dispatch import Signal

course_completed = Signal()
