import datetime
import json
import subprocess

import pytest
from django.conf import settings

from campaigns.models import Campaign, Kit
from scams.models import ScamType
from tests.conftest import make_alert, make_material, make_question

PATHS = [
    "/{lang}/",
    "/{lang}/scams/",
    "/{lang}/scams/?q=zzz&channel=nowhere",
    "/{lang}/scams/?q=loan",
    "/{lang}/check/",
    "/{lang}/scams/{slug}/",
    "/{lang}/scams/{slug}/print/",
    "/{lang}/alerts/",
    "/{lang}/materials/",
    "/{lang}/materials/?audience=parents&q=poster",
    "/{lang}/materials/poster-for-checking/",
    "/{lang}/kits/{kit}/",
    "/{lang}/quiz/",
    "/{lang}/quiz/3-of-5/",
    "/{lang}/kits/quiz/{code}/",
]


@pytest.mark.django_db
def test_nu_checker_finds_no_error(client, catalogue, county, staff_a, vnu, tmp_path):
    files = []
    slugs = ScamType.objects.values_list("slug", flat=True)[:3]
    make_alert(county["a"], staff_a, status="approved", scam_types=ScamType.objects.filter(slug__in=slugs))
    material = make_material(
        slug="poster-for-checking",
        title_en="",
        scam_types=ScamType.objects.filter(slug__in=slugs),
        files=[("script.txt", b"Hang up.\n", "text/plain; charset=utf-8", "en")],
    )
    kit = Kit.objects.create(
        campaign=Campaign.objects.create(
            name_zh="检查用活动",
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 12, 31),
            lead_unit=county["a"],
        )
    )
    kit.materials.set([material])
    kit.scam_types.set(ScamType.objects.filter(slug__in=slugs))
    code = kit.code_for(county["a"])
    questions = [make_question(scam) for scam in ScamType.objects.filter(slug__in=slugs)]
    for language, _name in settings.LANGUAGES:
        for slug in slugs:
            for template in PATHS:
                response = client.get(template.format(lang=language, slug=slug, kit=kit.pk, code=code.code))
                assert response.status_code == 200
                path = tmp_path / f"{len(files):03}.html"
                path.write_bytes(response.content)
                files.append(path)
        # The checker's answers, recognised and not.
        for text in ("我是民警，你涉嫌洗钱，不要告诉家人，马上把钱转到安全账户。", "Happy birthday!"):
            response = client.post(f"/{language}/check/", {"text": text})
            assert response.status_code == 200
            path = tmp_path / f"{len(files):03}.html"
            path.write_bytes(response.content)
            files.append(path)
        # An answered quiz: one right, one wrong, one left out.
        answers = {"q": [question.pk for question in questions], f"a{questions[0].pk}": "1", f"a{questions[1].pk}": "0"}
        response = client.post(f"/{language}/quiz/", answers)
        assert b'data-correct="1" data-total="3"' in response.content
        path = tmp_path / f"{len(files):03}.html"
        path.write_bytes(response.content)
        files.append(path)
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m['url'].rsplit('/', 1)[-1]}: {m['message']}" for m in messages] == []
