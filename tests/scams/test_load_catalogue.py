import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scams import catalogue
from scams.models import OPTIONAL_TEXT_FIELDS, REQUIRED_TEXT_FIELDS, CaseStory, Category, ScamType, Synonym, Tag

# Every fraud method the seed reports name, as the slug that covers it.
SEED_METHODS = {
    "police-impersonation",  # courts, procuratorate, police; "safe account"; spoofed caller ID
    "bank-telecom-impersonation",  # phone arrears, card overdraft, abnormal transactions
    "tax-refund",  # home and car tax refunds
    "relative-in-trouble",  # an acquaintance in hospital, robbed or arrested
    "changed-account-sms",  # "send it to this other account instead"
    "fake-qq-wechat-friend",  # QQ and WeChat friends borrowing money
    "fake-kidnapping",  # a child kidnapped, injured or suddenly ill
    "gangster-threat",  # "you offended someone; pay to settle it"
    "online-loan",  # guarantee and deposit fees before a loan
    "prize-winning",  # anniversary draws with fees and taxes
    "stock-lottery-tips",  # lottery predictions, guaranteed stock picks
    "leader-impersonation",  # a leader or a leader's relative
    "cheap-goods-tickets",  # cheap goods and tickets from unknown sites
    "discipline-inspection-impersonation",  # discipline inspection bodies
    "fake-recruitment",  # recruitment texts that charge fees
    "order-brushing",  # order brushing and task rebates
    "game-trading",  # game currency and equipment
    "shopping-refund",  # shopping refunds and lost-parcel claims
    "health-products",  # health products sold to the elderly
    "pension-investment",  # pension "investment" aimed at the elderly
    "fake-base-station-sms",  # bank texts from fake base stations
    "phishing-etoken-upgrade",  # phishing "e-token upgrade" sites
    "renting-bank-cards",  # students renting out bank and phone cards
    "scam-text-sending-job",  # students paid to send scam texts
}

# Types added since, for frauds the seed reports do not name.
LATER_METHODS = {
    "online-gambling",  # betting sites that let you win, then block withdrawals
    "romance-investment",  # an online romance that leads to a fake investment platform
    "fake-credit-repair",  # paying to have a credit record "repaired"
    "loan-account-cancellation",  # "close your student loan account or your credit suffers"
    "medical-insurance-impersonation",  # "your medical insurance card was misused"
    "premium-sms-fees",  # paid subscriptions by text, fake operator offers
    "ai-face-swap",  # a relative's face and voice faked with AI on a call
    "fake-teacher-fees",  # a fake teacher collecting fees in a parents' group
    "free-game-skins",  # free skins for children, then a parent's phone "scans to verify"
    "fan-giveaway",  # idol giveaways and fund-raising aimed at minors
    "fake-investment-platform",  # investment and "mining" apps that block withdrawals
    "customs-parcel",  # a parcel "held by customs", handed on to fake police
    "etc-expiry",  # "your ETC has expired" texts with a phishing link
    "fake-ticketing",  # "insider" concert and match tickets paid for privately
    "military-purchase-impersonation",  # a fake army or police order and a "designated supplier"
}
BUNDLED_TYPES = 39


@pytest.fixture
def bundle(tmp_path):
    """A writable copy of the bundled catalogue."""
    shutil.copytree(catalogue.CATALOGUE_DIR, tmp_path / "catalogue")
    return tmp_path / "catalogue"


def run_command():
    out = StringIO()
    call_command("load_catalogue", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_bundled_catalogue_publishes_every_seed_method_in_both_languages():
    output = run_command()
    assert f"{BUNDLED_TYPES} created" in output
    published = ScamType.objects.published()
    assert published.count() >= BUNDLED_TYPES
    assert set(published.values_list("slug", flat=True)) >= SEED_METHODS | LATER_METHODS
    for scam in published.prefetch_related("cases"):
        assert scam.missing_translations() == [], scam.slug
        assert scam.cases.exists(), scam.slug
        assert scam.related.exists(), scam.slug
        for case in scam.cases.all():
            assert case.title_en and case.body_en, scam.slug
    assert Category.objects.filter(parent__isnull=True).count() == 6


@pytest.mark.django_db
def test_second_run_creates_and_changes_nothing():
    run_command()
    counts = (ScamType.objects.count(), CaseStory.objects.count(), Tag.objects.count(), Category.objects.count())
    history = ScamType.history.count()
    output = run_command()
    assert f"0 created, 0 updated, {BUNDLED_TYPES} unchanged" in output
    assert (
        ScamType.objects.count(),
        CaseStory.objects.count(),
        Tag.objects.count(),
        Category.objects.count(),
    ) == counts
    assert ScamType.history.count() == history


@pytest.mark.django_db
def test_admin_edits_survive_a_reload_even_when_the_bundle_changes(bundle):
    catalogue.load(bundle)
    edited = ScamType.objects.get(slug="tax-refund")
    edited.summary_en = "Edited by the county bureau."
    edited.save()
    edited.related.clear()
    path = bundle / "tax-refund.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-11-20", "2026-11-25"), encoding="utf-8")
    untouched = bundle / "order-brushing.toml"
    untouched.write_text(untouched.read_text(encoding="utf-8").replace("2026-11-20", "2026-11-27"), encoding="utf-8")

    result = catalogue.load(bundle)

    assert result.kept == ["tax-refund"]
    assert result.updated == ["order-brushing"]
    edited.refresh_from_db()
    assert edited.summary_en == "Edited by the county bureau."
    assert str(edited.last_reviewed) == "2026-11-20"
    assert not edited.related.exists()
    assert str(ScamType.objects.get(slug="order-brushing").last_reviewed) == "2026-11-27"


@pytest.mark.django_db
def test_bundled_synonym_groups_are_loaded_in_both_languages():
    output = run_command()
    assert "synonym groups created" in output
    police = Synonym.objects.get(code="police")
    assert {"警察", "民警", "公安", "警官", "公检法"} <= set(police.terms("zh"))
    assert {"police", "officer", "cop"} <= set(police.terms("en"))
    assert {"刷单", "做任务", "点赞", "返利"} <= set(Synonym.objects.get(code="tasks").terms("zh"))
    assert Synonym.objects.count() >= 30
    assert "0 synonym groups created, 0 updated" in run_command()


@pytest.mark.django_db
def test_reloading_updates_bundled_synonyms_but_keeps_an_administrators_edit(bundle):
    catalogue.load(bundle)
    edited = Synonym.objects.get(code="parcel")
    edited.terms_zh += "\n驿站"
    edited.save()
    vocabulary = bundle / catalogue.VOCABULARY_FILE
    text = vocabulary.read_text(encoding="utf-8")
    text = text.replace('"快递", "包裹"', '"快递", "包裹", "邮包"').replace(
        '"客服", "售后"', '"客服", "售后", "客户服务"'
    )
    vocabulary.write_text(text, encoding="utf-8")

    result = catalogue.load(bundle)

    assert (result.synonyms_created, result.synonyms_updated) == (0, 1)
    assert "客户服务" in Synonym.objects.get(code="customer-service").terms("zh")
    edited.refresh_from_db()
    assert "驿站" in edited.terms("zh")
    assert "邮包" not in edited.terms("zh")


@pytest.mark.django_db
def test_a_synonym_group_without_terms_is_a_problem(bundle):
    vocabulary = bundle / catalogue.VOCABULARY_FILE
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8") + '\n[[synonyms]]\ncode = "lonely"\nzh = ["孤单"]\n', encoding="utf-8"
    )
    with pytest.raises(catalogue.CatalogueError, match="'lonely' needs two or more terms"):
        catalogue.load(bundle)
    assert not Synonym.objects.exists()


@pytest.mark.django_db
def test_a_broken_bundle_writes_nothing_and_names_every_problem(bundle, settings):
    (bundle / "tax-refund.toml").write_text('slug = "tax-refund"\ncategory = "nowhere"\n', encoding="utf-8")
    (bundle / "order-brushing.toml").write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.load(bundle)
    problems = "\n".join(error.value.problems)
    assert "tax-refund.toml: category 'nowhere' is not a sub-category" in problems
    assert "tax-refund.toml: [en] summary is missing" in problems
    assert "order-brushing.toml: not valid TOML" in problems
    assert ScamType.objects.count() == 0
    assert Category.objects.count() == 0


@pytest.mark.django_db
def test_command_reports_problems_as_a_command_error(monkeypatch, bundle):
    (bundle / "tax-refund.toml").write_text('slug = "wrong"\n', encoding="utf-8")
    monkeypatch.setattr(catalogue, "CATALOGUE_DIR", bundle)
    with pytest.raises(CommandError, match="slug 'wrong' does not match the file name"):
        run_command()


@pytest.mark.django_db
def test_every_bundled_type_is_complete_and_matched_in_both_languages():
    assert not ScamType.objects.exists()
    result = catalogue.load()
    assert len(result.created) >= BUNDLED_TYPES
    scams = ScamType.objects.prefetch_related("cases").order_by("slug")
    assert set(scams.values_list("slug", flat=True)) >= LATER_METHODS
    problems = []
    for scam in scams:
        for name in REQUIRED_TEXT_FIELDS + OPTIONAL_TEXT_FIELDS:
            zh, en = getattr(scam, f"{name}_zh"), getattr(scam, f"{name}_en")
            if not zh.strip() or not en.strip():
                problems.append(f"{scam.slug}: {name} is empty in one language")
            if name in catalogue.LIST_FIELDS:
                zh_items, en_items = zh.split("\n"), en.split("\n")
                if len(zh_items) != len(en_items):
                    problems.append(f"{scam.slug}: {name} has {len(zh_items)} items in zh, {len(en_items)} in en")
                if not all(item.strip() for item in zh_items + en_items):
                    problems.append(f"{scam.slug}: {name} has an empty item")
        cases = list(scam.cases.all())
        if len(cases) != 2:
            problems.append(f"{scam.slug}: {len(cases)} cases, not 2")
        for case in cases:
            if not all(text.strip() for text in (case.title_zh, case.body_zh, case.title_en, case.body_en)):
                problems.append(f"{scam.slug}: a case lacks a title or body in one language")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_a_catalogue_loaded_before_the_bait_and_lines_existed_still_takes_bundled_updates():
    catalogue.load()
    scam = ScamType.objects.get(slug="tax-refund")
    # As the previous version left it: the new fields at their defaults, digested without them.
    for name, default in catalogue.EXTRA_DEFAULTS.items():
        setattr(scam, name, default)
    scam.save()
    assert "extras" not in catalogue.snapshot_from_row(scam)
    ScamType.objects.filter(pk=scam.pk).update(loaded_digest=catalogue.digest(catalogue.snapshot_from_row(scam)))

    result = catalogue.load()

    assert result.updated == ["tax-refund"]
    scam.refresh_from_db()
    assert (scam.bait_kind, scam.bait_sender, scam.official_lines) == ("sms", "1069 0000 0000", "12366")
    assert "3800" in scam.bait_lines_zh
    assert scam.recovery


@pytest.mark.django_db
def test_loading_again_stores_traditional_text_made_under_an_older_table_afresh():
    from fraudwatch.core.bilingual import traditional_of

    run_command()
    stale = {"summary": [0, "made by an older conversion"]}
    for model in (ScamType, CaseStory, Category, Tag):
        model.objects.update(traditional=stale)
    run_command()
    for model in (ScamType, CaseStory, Category, Tag):
        for row in model.objects.all():
            assert row.traditional == traditional_of(row), (model.__name__, row.pk)


@pytest.mark.parametrize("line", ["", "harm = 0\n", "harm = 6\n", 'harm = "high"\n'])
def test_every_bundled_type_must_judge_its_harm_from_1_to_5(bundle, line):
    path = bundle / "order-brushing.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("harm = 5\n", line), encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.read_bundle(bundle)
    assert error.value.problems == [
        "order-brushing.toml: harm must be a whole number from 1 (rare) to 5 (costs residents most, most often)"
    ]


@pytest.mark.django_db
def test_the_harm_of_each_type_loads_with_it():
    run_command()
    assert ScamType.objects.get(slug="order-brushing").harm == 5
    assert ScamType.objects.get(slug="discipline-inspection-impersonation").harm == 1


@pytest.mark.django_db
def test_the_suites_copy_of_a_first_load_is_what_the_load_writes():
    """The `catalogue` fixture writes back the rows of the first load in the test process
    (tests/reuse.py); loading again over that copy finds nothing to create or change."""
    from django.db import transaction

    from tests import reuse as suite

    if suite._first_load is None:
        with transaction.atomic():  # the first load, to be copied below
            suite.load_catalogue()
            transaction.set_rollback(True)
    assert suite._first_load, "the first load was not remembered"
    assert not ScamType.objects.exists()

    suite.load_catalogue()
    result = catalogue.load()

    assert (result.created, result.updated, result.kept) == ([], [], [])
    assert len(result.unchanged) >= BUNDLED_TYPES
    assert (result.questions_created, result.questions_updated, result.questions_kept) == (0, 0, 0)
    assert (result.vocabulary_created, result.synonyms_created, result.synonyms_updated) == (0, 0, 0)
