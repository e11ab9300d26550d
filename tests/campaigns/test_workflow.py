"""The review workflow that activities, alerts and material share (campaigns.workflow): each
behaviour is one test, run for each reviewed model. The steps each model should have are
written out here, independently of the models' own tables, so that a wrong table fails."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from campaigns.models import Activity, ActivityEvent, Alert, Material, WorkflowError
from tests.conftest import make_activity, make_alert, make_material, make_user

# model -> step -> (the statuses it starts from, the status it leads to)
EXPECTED_STEPS = {
    Activity: {
        "submit": ({"draft", "returned"}, "submitted"),
        "approve": ({"submitted"}, "approved"),
        "undo_approval": ({"approved"}, "submitted"),
        "return": ({"submitted"}, "returned"),
        "reopen": ({"approved"}, "returned"),
    },
    Alert: {
        "submit": ({"draft", "returned"}, "submitted"),
        "approve": ({"submitted"}, "approved"),
        "return": ({"submitted", "approved"}, "returned"),
    },
    Material: {
        "submit": ({"draft", "returned"}, "submitted"),
        "publish": ({"submitted"}, "published"),
        "return": ({"submitted", "published"}, "returned"),
    },
}
REASON_STEPS = {"return", "reopen"}
# What each step does to the recorded review: records the actor (True), forgets it (None), or neither.
REVIEW = {"submit": False, "approve": True, "publish": True, "undo_approval": None, "return": True, "reopen": True}
# What each model's history calls each step: activities in their own events, alerts and
# material in their review steps.
HISTORY_EVENTS = {
    Activity: {
        "submit": ActivityEvent.Action.SUBMITTED,
        "approve": ActivityEvent.Action.APPROVED,
        "undo_approval": ActivityEvent.Action.APPROVAL_UNDONE,
        "return": ActivityEvent.Action.RETURNED,
        "reopen": ActivityEvent.Action.REOPENED,
    },
    Alert: {"submit": "submitted", "approve": "approved", "return": "returned"},
    Material: {"submit": "submitted", "publish": "published", "return": "returned"},
}
# The step that makes each model count or show: the four-eyes step.
APPROVAL = {Activity: "approve", Alert: "approve", Material: "publish"}
APPROVE_URL = {
    Activity: "campaigns:activity-approve",
    Alert: "campaigns:alert-approve",
    Material: "campaigns:material-publish",
}
FOUR_EYES_REFUSALS = {
    Activity: "You cannot approve an activity you created, imported or edited.",
    Alert: "You cannot approve an alert you wrote or changed.",
    Material: "You cannot publish material you uploaded.",
}
MODELS = [Activity, Alert, Material]
REASON = "The figures do not match the sign-in sheet."


def verb(obj, step, by, reason=""):
    """Take `step` the way the app does, through the model's verb."""
    if step == "submit":
        return obj.submit(by=by)
    if step == "approve":
        return obj.approve(by=by)
    if step == "publish":
        return obj.publish(by=by)
    if step == "undo_approval":
        return obj.undo_approval(by=by)
    if step == "return":
        return obj.return_to_author(by=by, reason=reason)
    if step == "reopen":
        return obj.reopen(by=by, reason=reason)
    raise AssertionError(f"no verb for {step}")


def history_of(obj):
    """[(event, actor, reason, status change, at)] for each entry of `obj`'s history, oldest
    first, read the same way whichever table the model keeps it in."""
    if isinstance(obj, Activity):
        return [(e.action, e.actor, e.reason, e.changes, e.at) for e in obj.events.order_by("at", "pk")]
    return [
        (s.event, s.actor, s.reason, [{"field": "status", "old": s.old_status, "new": s.new_status}], s.at)
        for s in obj.review_steps.order_by("at", "pk")
    ]


def entry(model, step, by, reason, source, target):
    """What `history_of` should hold for `step` taken by `by`, its time left out."""
    return (HISTORY_EVENTS[model][step], by, reason, [{"field": "status", "old": source, "new": target}])


def make(model, unit, author, status, **fields):
    maker = {Activity: make_activity, Alert: make_alert, Material: make_material}[model]
    return maker(unit, author, status=status, **fields)


def statuses(model):
    return set(model.Status.values)


def all_steps():
    return [(model, step) for model in MODELS for step in EXPECTED_STEPS[model]]


def step_id(value):
    return value.__name__ if isinstance(value, type) else str(value)


def moves():
    """(model, step, from) for every move each model should allow."""
    return [(model, step, source) for model, step in all_steps() for source in sorted(EXPECTED_STEPS[model][step][0])]


def refusals():
    """(model, step, from) for every status each step should refuse to start from."""
    return [
        (model, step, source)
        for model, step in all_steps()
        for source in sorted(statuses(model) - EXPECTED_STEPS[model][step][0])
    ]


@pytest.fixture
def actors(county, staff_a, reviewer, administrator):
    """Who takes each step: the author submits, an administrator reopens, a reviewer who
    wrote none of it does the rest (undoing an approval they made a moment ago)."""
    return {"submit": staff_a, "reopen": administrator, "author": staff_a, "reviewer": reviewer}


def actor_for(actors, step):
    return actors.get(step, actors["reviewer"])


def fresh(model, unit, actors, status):
    """An object of staff_a's at `status`; an approved one was approved by the reviewer just now."""
    fields = {}
    if status in ("approved", "published"):
        fields = {"reviewed_by": actors["reviewer"], "reviewed_at": timezone.now()}
    return make(model, unit, actors["author"], status, **fields)


@pytest.mark.parametrize("model", MODELS, ids=step_id)
def test_each_model_declares_the_steps_it_should(model):
    declared = {name: (set(step.sources), step.target) for name, step in model.STEPS.items()}
    assert declared == EXPECTED_STEPS[model]
    assert {name for name, step in model.STEPS.items() if step.reason} == REASON_STEPS & set(declared)
    assert {name for name, step in model.STEPS.items() if step.four_eyes} == {APPROVAL[model]}
    assert {name: step.review for name, step in model.STEPS.items()} == {name: REVIEW[name] for name in declared}
    assert {name: step.event for name, step in model.STEPS.items()} == HISTORY_EVENTS[model]
    history = model.events if model is Activity else model.review_steps
    events = history.field.model._meta.get_field("action" if model is Activity else "event")
    assert {step.event for step in model.STEPS.values()} <= {value for value, _label in events.choices}


@pytest.mark.parametrize(("model", "step", "source"), moves(), ids=step_id)
def test_a_step_moves_from_each_status_it_starts_from(county, actors, model, step, source):
    obj = fresh(model, county["a"], actors, source)
    version = obj.version
    by = actor_for(actors, step)
    before = timezone.now()

    verb(obj, step, by, REASON)

    target = EXPECTED_STEPS[model][step][1]
    obj.refresh_from_db()
    assert (obj.status, obj.version) == (target, version + 1)
    assert obj.return_reason == (REASON if step in REASON_STEPS else "")
    if REVIEW[step] is True:
        assert obj.reviewed_by == by and obj.reviewed_at is not None
    elif REVIEW[step] is None:
        assert obj.reviewed_by is None and obj.reviewed_at is None
    [(*recorded, at)] = history_of(obj)
    assert tuple(recorded) == entry(model, step, by, obj.return_reason, source, target)
    assert before <= at <= timezone.now()
    if REVIEW[step] is True:
        assert at == obj.reviewed_at


@pytest.mark.parametrize(("model", "step", "source"), refusals(), ids=step_id)
def test_a_step_is_refused_from_any_other_status(county, actors, model, step, source):
    obj = fresh(model, county["a"], actors, source)

    with pytest.raises(WorkflowError):
        verb(obj, step, actor_for(actors, step), REASON)

    obj.refresh_from_db()
    assert (obj.status, obj.version) == (source, 1)
    assert history_of(obj) == []


@pytest.mark.parametrize(
    ("model", "step"), [(model, step) for model, step in all_steps() if step in REASON_STEPS], ids=step_id
)
@pytest.mark.parametrize("reason", ["", "  \n "], ids=["empty", "blank"])
def test_a_step_that_needs_a_reason_is_refused_without_one(county, actors, model, step, reason):
    source = min(EXPECTED_STEPS[model][step][0])
    obj = fresh(model, county["a"], actors, source)

    with translation.override("en"), pytest.raises(WorkflowError, match="Please give a reason"):
        verb(obj, step, actor_for(actors, step), reason)

    obj.refresh_from_db()
    assert (obj.status, obj.version, obj.return_reason) == (source, 1, "")
    assert history_of(obj) == []


@pytest.mark.parametrize("model", MODELS, ids=step_id)
def test_nobody_approves_their_own_work(county, reviewer, model):
    obj = make(model, county["a"], reviewer, "submitted")
    assert not obj.may_be_approved_by(reviewer)

    with translation.override("en"):
        with pytest.raises(WorkflowError) as refused:
            verb(obj, APPROVAL[model], reviewer)
        message = str(refused.value)

    assert message == FOUR_EYES_REFUSALS[model]
    obj.refresh_from_db()
    assert (obj.status, obj.version, obj.reviewed_by) == ("submitted", 1, None)
    assert history_of(obj) == []


@pytest.mark.parametrize("model", MODELS, ids=step_id)
def test_someone_who_wrote_none_of_it_may_approve(county, staff_a, reviewer, model):
    obj = make(model, county["a"], staff_a, "submitted")
    assert obj.may_be_approved_by(reviewer)
    verb(obj, APPROVAL[model], reviewer)
    assert obj.status == EXPECTED_STEPS[model][APPROVAL[model]][1]


def add_editor(obj, user):
    """`user` changes `obj` after it was written: alerts list their authors, activities keep
    the edit in their history. Material is never edited after it is uploaded."""
    if isinstance(obj, Activity):
        ActivityEvent.objects.create(activity=obj, actor=user, action=ActivityEvent.Action.EDITED)
    else:
        obj.authors.add(user)


@pytest.mark.parametrize("model", [Activity, Alert], ids=step_id)
def test_nobody_approves_what_they_changed_after_someone_else_wrote_it(county, staff_a, reviewer, model):
    obj = make(model, county["a"], staff_a, "submitted")
    add_editor(obj, reviewer)
    obj = model.objects.get(pk=obj.pk)

    with pytest.raises(WorkflowError):
        verb(obj, "approve", reviewer)

    obj.refresh_from_db()
    assert obj.status == "submitted"


@pytest.mark.parametrize("model", MODELS, ids=step_id)
def test_a_step_from_a_stale_copy_is_refused_even_when_the_status_came_back(county, staff_a, reviewer, model):
    """A reviewer opened it; meanwhile another returned it and the author sent it again. Its
    status is what the first reviewer saw, but not its version: their approval is refused."""
    other_reviewer = make_user("other_reviewer", (county["bureau"], "reviewer"))
    seen = make(model, county["a"], staff_a, "submitted")
    meanwhile = model.objects.get(pk=seen.pk)
    meanwhile.return_to_author(by=other_reviewer, reason=REASON)
    meanwhile.submit(by=staff_a)

    with translation.override("en"):
        with pytest.raises(WorkflowError) as refused:
            verb(seen, APPROVAL[model], reviewer)
        assert "has changed since you opened it" in str(refused.value)

    current = model.objects.get(pk=seen.pk)
    assert (current.status, current.version, current.reviewed_by) == ("submitted", 3, other_reviewer)
    assert [recorded[:4] for recorded in history_of(current)] == [
        entry(model, "return", other_reviewer, REASON, "submitted", "returned"),
        entry(model, "submit", staff_a, "", "returned", "submitted"),
    ]


@pytest.mark.parametrize("model", MODELS, ids=step_id)
def test_an_approval_posted_from_a_stale_page_is_refused(client, county, staff_a, reviewer, model):
    other_reviewer = make_user("other_reviewer", (county["bureau"], "reviewer"))
    obj = make(model, county["a"], staff_a, "submitted")
    with translation.override("en"):
        action = reverse(APPROVE_URL[model], args=[obj.pk])
    client.force_login(reviewer)
    page = client.get(action)
    assert page.status_code == 200
    assert b'name="seen_version" value="1"' in page.content
    meanwhile = model.objects.get(pk=obj.pk)
    meanwhile.return_to_author(by=other_reviewer, reason=REASON)
    meanwhile.submit(by=staff_a)

    response = client.post(action, {"seen_version": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert "has changed since you opened it" in response.content.decode()
    obj.refresh_from_db()
    assert (obj.status, obj.version) == ("submitted", 3)


# How an alert's or a material's history reads on its staff page in each language: the
# heading, the return and the submission after it, and the return's status line.
HISTORY_WORDS = {
    "en": ("Review history", "Returned", "Submitted", "Status: Submitted → Returned"),
    "zh-hans": ("审核记录", "已退回", "待审核", "状态：待审核 → 已退回"),
    "zh-hant": ("審核記錄", "已退回", "待審核", "狀態：待審核 → 已退回"),
}
STAFF_PAGE = {Alert: "campaigns:alert-detail", Material: "campaigns:material-detail"}


@pytest.mark.parametrize("language", list(HISTORY_WORDS))
@pytest.mark.parametrize("model", [Alert, Material], ids=step_id)
def test_the_staff_page_shows_the_steps_taken_in_each_language(client, county, staff_a, reviewer, model, language):
    obj = make(model, county["a"], staff_a, "submitted")
    with translation.override(language):
        url = reverse(STAFF_PAGE[model], args=[obj.pk])
    client.force_login(staff_a)
    heading, returned, submitted, status_line = HISTORY_WORDS[language]
    assert heading in client.get(url).content.decode()
    obj.return_to_author(by=reviewer, reason=REASON)
    obj.submit(by=staff_a)

    page = client.get(url).content.decode()

    history = page[page.index(heading) :]
    assert f"<strong>{returned}</strong> · {reviewer}" in history
    assert status_line in history and REASON in history
    assert history.index(f"<strong>{returned}</strong>") < history.index(f"<strong>{submitted}</strong> · {staff_a}")
