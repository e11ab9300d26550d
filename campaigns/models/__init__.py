"""The outreach work's data: the organisation tree and roles, the coded lists
administrators extend, campaigns, activities with their figures, files and history, and
the dated alerts shown to the public."""

from campaigns.activities.models import (
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
from campaigns.alerts.models import Alert, AlertQuerySet
from campaigns.cases.models import CaseStat, CaseStatQuerySet
from campaigns.choices import ActivityType, AudienceGroup, CodedChoice, Indicator, IndicatorQuerySet
from campaigns.kits.models import QR_SCANS, Kit, KitCode, KitScan
from campaigns.materials.models import Material, MaterialDownload, MaterialFile, MaterialKind, MaterialQuerySet
from campaigns.org.models import (
    ADMINISTRATORS_GROUP,
    Membership,
    OrgUnit,
    OrgUnitManager,
    OrgUnitQuerySet,
    UnitKind,
    subtree_q,
)
from campaigns.programmes.models import Campaign, CampaignQuerySet, CampaignTarget, percent_done
from campaigns.reports.models import ACTIVITY_COUNT, NO_CAMPAIGN, AudienceSummary, ScamTypeSummary, Summary

from .notifications import Notification, NotificationQuerySet
from .quizzes import AWARENESS_RATE, QUIZ_TAKERS, KitQuiz, KitQuizAnswer, PaperTally, PaperTallyLine

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
    "UnitKind",
    "WorkflowError",
    "change",
    "counted_changed",
    "counted_version",
    "evidence_path",
    "percent_done",
    "subtree_q",
]
