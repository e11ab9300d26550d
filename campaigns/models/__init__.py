"""The outreach work's models, for Django (which imports campaigns.models for the one app
label, campaigns) and for anyone importing them from one place. Nothing is defined here: each
model lives in its feature's room: org/ (units, unit kinds, roles), activities/ (activities,
their figures, evidence, history and notifications), programmes/ (campaigns and targets),
alerts/, materials/, kits/ (kits, scans and quizzes), cases/, reports/ (the summary tables);
the coded lists administrators extend are in campaigns/choices.py."""

from campaigns.activities.models import (
    Activity,
    ActivityEvent,
    ActivityQuerySet,
    Evidence,
    Figure,
    Notification,
    NotificationQuerySet,
    WorkflowError,
    change,
    counted_changed,
    counted_version,
    evidence_path,
)
from campaigns.alerts.models import Alert, AlertQuerySet
from campaigns.cases.models import CaseStat, CaseStatQuerySet
from campaigns.choices import ActivityType, AudienceGroup, CodedChoice, Indicator, IndicatorQuerySet
from campaigns.kits.models import (
    AWARENESS_RATE,
    QR_SCANS,
    QUIZ_TAKERS,
    Kit,
    KitCode,
    KitQuiz,
    KitQuizAnswer,
    KitScan,
    PaperTally,
    PaperTallyLine,
)
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
from campaigns.reports.models import (
    ACTIVITY_COUNT,
    NO_CAMPAIGN,
    AudienceSummary,
    ScamTypeSummary,
    Summary,
    SummaryVersion,
)
from campaigns.reports.prepared_model import PreparedDocument, PreparedDocumentQuerySet

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
    "PreparedDocument",
    "PreparedDocumentQuerySet",
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
