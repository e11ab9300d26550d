import datetime

import pytest
from django.core.files.base import ContentFile

from campaigns.models import Campaign, Evidence, Kit
from tests.campaigns.test_activity_edit import picture
from tests.conftest import make_activity, make_alert, make_material, make_scam_type

# A real picture: its thumbnail is made from it.
PNG = picture("PNG", (8, 8))


@pytest.fixture
def world(county, staff_a, staff_b, reviewer, administrator):
    campaign = Campaign.objects.create(
        name_zh="东城专项", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31), lead_unit=county["a"]
    )
    draft = make_activity(county["a"], staff_a, campaign=campaign)
    evidence = Evidence.objects.create(
        activity=draft,
        file=ContentFile(PNG, name="a.png"),
        original_name="a.png",
        content_type="image/png",
        size=len(PNG),
        uploaded_by=staff_a,
    )
    scam = make_scam_type()
    published = make_material(
        county["a"], staff_a, status="published", scam_types=[scam], files=[("a.txt", b"hello\n", "text/plain", "zh")]
    )
    kit = Kit.objects.create(campaign=campaign)
    return {
        "scam": scam,
        "campaign": campaign,
        "kit": kit,
        "kit_code": kit.code_for(county["a"]),
        "draft": draft,
        "evidence": evidence,
        "submitted": make_activity(county["a"], staff_a, status="submitted"),
        "approved": make_activity(county["a"], staff_a, status="approved"),
        "alert_draft": make_alert(county["a"], staff_a),
        "alert_submitted": make_alert(county["school_a"], staff_a, status="submitted"),
        "alert_current": make_alert(county["a"], staff_a, status="approved", scam_types=[scam]),
        "material_draft": make_material(county["a"], staff_a, status="draft"),
        "material_submitted": make_material(county["school_a"], staff_a, status="submitted"),
        "material_published": published,
        "material_file": published.files.get(),
        "users": {"staff_a": staff_a, "staff_b": staff_b, "reviewer": reviewer, "administrator": administrator},
    }
