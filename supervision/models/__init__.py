"""Supervision state. Split by topic; everything is re-exported here."""

from .engagement import ActivityLog, EngagementPeriod, Requirement, Rules, UrgentReport
from .notes import Note
from .people import AdvisorAssignment, AdvisorProfile, GroupMembership, SupervisionGroup
from .sessions import Attendance, Session, SessionParticipant
from .site_settings import SupervisionSettings

__all__ = [
    "ActivityLog",
    "AdvisorAssignment",
    "AdvisorProfile",
    "Attendance",
    "EngagementPeriod",
    "GroupMembership",
    "Note",
    "Requirement",
    "Rules",
    "Session",
    "SessionParticipant",
    "SupervisionGroup",
    "SupervisionSettings",
    "UrgentReport",
]
