import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns.models import Campaign, Evidence, Kit
from tests.campaigns.test_activity_edit import picture
from tests.conftest import make_activity, make_alert, make_material, make_scam_type

# A real picture: its thumbnail is made from it.
PNG = picture("PNG", (8, 8))


@pytest.fixture
def world(county, staff_a, staff_b, reviewer, administrator):
    campaign = Campaign.objects.create(
        name_zh="东城专项",
        name_en="East Town drive",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        lead_unit=county["a"],
    )
    draft = make_activity(county["a"], staff_a, title="Draft at A", campaign=campaign)
    evidence = Evidence.objects.create(
        activity=draft,
        file=ContentFile(PNG, name="sheet.png"),
        original_name="sheet.png",
        content_type="image/png",
        size=len(PNG),
        uploaded_by=staff_a,
    )
    scam = make_scam_type()
    published = make_material(
        county["a"], staff_a, status="published", scam_types=[scam], files=[("a.txt", b"hello\n", "text/plain", "zh")]
    )
    kit = Kit.objects.create(campaign=campaign)
    # Approved by the reviewer just now: they alone may undo that, for ten minutes.
    approved_by_reviewer = make_activity(
        county["a"],
        staff_a,
        title="Approved by the reviewer",
        status="approved",
        reviewed_by=reviewer,
        reviewed_at=timezone.now(),
    )
    return {
        "scam": scam,
        "campaign": campaign,
        "kit": kit,
        "kit_code": kit.code_for(county["a"]),
        "draft": draft,
        "evidence": evidence,
        "submitted": make_activity(county["a"], staff_a, title="Submitted at A", status="submitted"),
        "approved": make_activity(county["a"], staff_a, title="Approved at A", status="approved"),
        "approved_by_reviewer": approved_by_reviewer,
        "alert_draft": make_alert(county["a"], staff_a, title_en="Alert draft at A", title_zh="东城草稿提醒"),
        "alert_submitted": make_alert(
            county["school_a"], staff_a, status="submitted", title_en="Alert submitted at A", title_zh="东城待审提醒"
        ),
        "alert_current": make_alert(county["a"], staff_a, status="approved", scam_types=[scam]),
        "material_draft": make_material(county["a"], staff_a, status="draft", title_en="Material draft at A"),
        "material_submitted": make_material(
            county["school_a"], staff_a, status="submitted", title_en="Material submitted at A"
        ),
        "material_published": published,
        "material_file": published.files.get(),
        "users": {"staff_a": staff_a, "staff_b": staff_b, "reviewer": reviewer, "administrator": administrator},
    }
