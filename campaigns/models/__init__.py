"""The outreach work's data: the organisation tree and roles, the coded lists
administrators extend, campaigns, activities with their figures, files and history, and
the dated alerts shown to the public."""

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
from .alerts import Alert, AlertQuerySet
from .campaigns import Campaign, CampaignQuerySet, CampaignTarget, percent_done
from .cases import CaseStat, CaseStatQuerySet
from .choices import ActivityType, AudienceGroup, CodedChoice, Indicator, IndicatorQuerySet
from .kits import QR_SCANS, Kit, KitCode, KitScan
from .materials import Material, MaterialDownload, MaterialFile, MaterialKind, MaterialQuerySet
from .notifications import Notification, NotificationQuerySet
from .quizzes import AWARENESS_RATE, QUIZ_TAKERS, KitQuiz, KitQuizAnswer, PaperTally, PaperTallyLine
from .summaries import ACTIVITY_COUNT, NO_CAMPAIGN, AudienceSummary, ScamTypeSummary, Summary, SummaryVersion
from .units import ADMINISTRATORS_GROUP, Membership, OrgUnit, OrgUnitManager, OrgUnitQuerySet, UnitKind, subtree_q

__all__ = [
    "ACTIVITY_COUNT",
    "ADMINISTRATORS_GROUP",
    "AWARENESS_RATE",
    "NO_CAMPAIGN",
    "QR_SCANS",
    "QUIZ_TAKERS",
    "Activity",
    "ActivityEvent",
    "ActivityQuerySet",
    "ActivityType",
    "Alert",
    "AlertQuerySet",
    "AudienceGroup",
    "AudienceSummary",
    "Campaign",
    "CampaignQuerySet",
    "CampaignTarget",
    "CaseStat",
    "CaseStatQuerySet",
    "CodedChoice",
    "Evidence",
    "Figure",
    "Indicator",
    "IndicatorQuerySet",
    "Kit",
    "KitCode",
    "KitQuiz",
    "KitQuizAnswer",
    "KitScan",
    "Material",
    "MaterialDownload",
    "MaterialFile",
    "MaterialKind",
    "MaterialQuerySet",
    "Membership",
    "Notification",
    "NotificationQuerySet",
    "OrgUnit",
    "OrgUnitManager",
    "OrgUnitQuerySet",
    "PaperTally",
    "PaperTallyLine",
    "ScamTypeSummary",
    "Summary",
    "SummaryVersion",
    "UnitKind",
    "WorkflowError",
    "change",
    "counted_changed",
    "counted_version",
    "evidence_path",
    "percent_done",
    "subtree_q",
]
