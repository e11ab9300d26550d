"""The outreach work's data: the organisation tree and roles, the coded lists
administrators extend, campaigns, and activities with their figures, files and history."""

from .activities import (
    Activity,
    ActivityEvent,
    ActivityQuerySet,
    Evidence,
    Figure,
    WorkflowError,
    change,
    counted_changed,
    counted_version,
    evidence_path,
)
from .campaigns import Campaign, CampaignQuerySet, CampaignTarget, percent_done
from .choices import ActivityType, AudienceGroup, CodedChoice, Indicator
from .summaries import ACTIVITY_COUNT, NO_CAMPAIGN, AudienceSummary, ScamTypeSummary, Summary
from .units import ADMINISTRATORS_GROUP, Membership, OrgUnit, OrgUnitManager, OrgUnitQuerySet, UnitKind, subtree_q

__all__ = [
    "ACTIVITY_COUNT",
    "ADMINISTRATORS_GROUP",
    "NO_CAMPAIGN",
    "Activity",
    "ActivityEvent",
    "ActivityQuerySet",
    "ActivityType",
    "AudienceGroup",
    "AudienceSummary",
    "Campaign",
    "CampaignQuerySet",
    "CampaignTarget",
    "CodedChoice",
    "Evidence",
    "Figure",
    "Indicator",
    "Membership",
    "OrgUnit",
    "OrgUnitManager",
    "OrgUnitQuerySet",
    "ScamTypeSummary",
    "Summary",
    "UnitKind",
    "WorkflowError",
    "change",
    "counted_changed",
    "counted_version",
    "evidence_path",
    "percent_done",
    "subtree_q",
]
