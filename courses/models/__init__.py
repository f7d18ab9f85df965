"""The training app's models: state (progress, quiz attempts) and content (pages). Re-exported here.

State models never import the page classes; pages link to state (CoursePage.course).
"""

from .pages import CoursePage, ModulePage, TrainingIndexPage
from .progress import Course, Enrollment, EnrollmentQuerySet, ModuleCompletion, ModuleVisit, ReflectionAnswer
from .quiz import QuizAttempt, QuizAttemptQuerySet
from .workflow import PeerReviewTask

__all__ = [
    "Course",
    "CoursePage",
    "Enrollment",
    "EnrollmentQuerySet",
    "ModuleCompletion",
    "ModulePage",
    "ModuleVisit",
    "PeerReviewTask",
    "QuizAttempt",
    "QuizAttemptQuerySet",
    "ReflectionAnswer",
    "TrainingIndexPage",
]
