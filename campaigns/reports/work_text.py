"""The work report's text, written once from the facts in whichever language is asked:
a title, five numbered sections and a sign-off, in the words of work_phrases.

一、基本情况 (the period, units, activities and reach, against the same period a year
earlier), 二、主要做法 (activity types, audiences, content and campaigns, with example
titles), 三、工作成效 (the other indicators that have figures, and campaign progress),
四、存在问题 and 五、下一步工作打算, with one plan for each problem named.
"""

from dataclasses import dataclass, field

from campaigns.models import AWARENESS_RATE, QUIZ_TAKERS, percent_done
from fraudwatch.core.bilingual import by_language

from . import summary
from .cases import reach_indicators
from .narrative import number, reach
from .work_phrases import Wording, scope_name

# The quizzes have a sentence of their own in section 二 (II), so 三 (III) leaves them out.
QUIZ_CODES = (QUIZ_TAKERS, AWARENESS_RATE)


@dataclass
class Section:
    heading: str  # 一、基本情况 / I. Overview
    blocks: list = field(default_factory=list)  # ("text", str) or ("subheading", str)

    def text(self, value):
        self.blocks.append(("text", value))

    def subheading(self, value):
        if value:  # the English report has none
            self.blocks.append(("subheading", value))


@dataclass
class WorkReport:
    language: str
    title_lines: list  # the title as it is set: a long Chinese title breaks before its subject
    period: str  # the dates, for the line under the title
    sections: list
    signer: str
    signed: str  # the date, as the sign-off writes it
    previous: summary.Report  # the same period a year earlier, for the headline table

    @property
    def title(self):
        return by_language(self.language, zh="", en=" ").join(self.title_lines)

    @property
    def plain_text(self):
        lines = [self.title, self.period]
        for section in self.sections:
            lines.append(section.heading)
            lines.extend(text for _kind, text in section.blocks)
        return "\n".join([*lines, self.signer, self.signed])


@dataclass
class Problem:
    problem: str
    plan: str


def write(facts, language):
    """The report in `language`: "en", or Simplified Chinese for anything else."""
    say = Wording(language)
    filters = facts.report.filters
    unit = scope_name(filters.unit, say.language)
    scope = say("scope unit", unit=say.name(filters.unit)) if filters.unit else say("scope all")
    level = say("level unit") if filters.unit else say("level all")
    issues, plans = Section(say("section issues")), Section(say("section plans"))
    problems = _problems(facts, say, level)
    for index, item in enumerate(problems, start=1):
        issues.text(say("numbered", index=index, text=item.problem))
        plans.text(say("numbered", index=index, text=item.plan))
    if not problems:
        issues.text(say("no problems"))
        plans.text(say("no plans"))
    return WorkReport(
        language=say.language,
        title_lines=say.title_lines(unit, filters.start, filters.end),
        period=say("period", start=say.day(filters.start), end=say.day(filters.end)),
        sections=[_basics(facts, say, scope, level), _methods(facts, say), _results(facts, say), issues, plans],
        signer=unit,
        signed=say.signed(facts.today),
        previous=facts.previous,
    )


def _basics(facts, say, scope, level):
    report, previous, cases = facts.report, facts.previous, facts.cases
    filters, total = report.filters, report.total
    people = reach_indicators(report.indicators)
    section = Section(say("section basics"))
    units_with = [row for row in report.breakdowns["org_unit"].rows if not row.own and row.activities]
    first = say(
        "overview",
        start=say.day(filters.start),
        end=say.day(filters.end),
        scope=scope,
        activities=number(total.activities),
        activity_noun=say.noun("activity", total.activities),
        counted=say("counted submitted") if filters.include_submitted else say("counted approved"),
        children=number(len(facts.children)),
        level=level,
        active=number(len(units_with)),
    )
    phrases = [
        reach(indicator, total.values[indicator.code], say.language)
        for indicator in people
        if total.values.get(indicator.code)
    ]
    if phrases:
        first += say("reached", phrases=say.join("commas", phrases))
    section.text(first)
    if previous.total.activities:
        change = say.change(total.activities, previous.total.activities, say("activities unit"))
        parts = [say("activities changed", change=change)]
        for indicator in people:
            before = previous.total.values.get(indicator.code, 0)
            if before:
                change = say.change(total.values.get(indicator.code, 0), before, say.unit(indicator))
                parts.append(say("indicator changed", name=say.indicator(indicator), change=change))
        start, end = say.day(previous.filters.start), say.day(previous.filters.end)
        section.text(say("compared", start=start, end=end, changes=say.join("clauses", parts)))
    else:
        section.text(say("no comparison"))
    if cases.any:
        section.text(
            say(
                "cases",
                scope=scope,
                cases=number(cases.total_cases),
                case_noun=say.noun("case", cases.total_cases),
                losses=number(cases.total_losses),
            )
        )
    return section


def _counted(say, phrase, rows, names=None):
    """Rows of a breakdown or campaigns with their activity counts, as a list in a sentence."""
    names = names if names is not None else [say.name(row.label) for row in rows]
    items = (say(phrase, name=name, count=number(row.activities)) for name, row in zip(names, rows, strict=True))
    return say.join("series", items)


def _methods(facts, say):
    report = facts.report
    section = Section(say("section methods"))
    types = report.breakdowns["activity_type"].top()
    if types:
        section.subheading(say("types heading"))
        names = say.labels(say.name(row.label) for row in types)
        text = say("types", kinds=_counted(say, "type", types, names))
        if facts.examples:
            text += say("examples", titles=say.join("titles", (f"“{title}”" for title in facts.examples)))
        section.text(text)
    audiences = report.breakdowns["audience"].top()
    if audiences:
        section.subheading(say("audiences heading"))
        names = say.labels(say.name(row.label) for row in audiences)
        section.text(say("audiences", groups=_counted(say, "audience", audiences, names)))
    scams = report.breakdowns["scam_type"].top()
    if scams:
        section.subheading(say("scams heading"))
        section.text(say("scams", covered=_counted(say, "scam", scams)))
    if report.campaigns:
        section.subheading(say("campaigns heading"))
        names = [say.name(progress.campaign) for progress in report.campaigns]
        section.text(say("campaigns", drives=_counted(say, "campaign", report.campaigns, names)))
    if report.total.measures.answered:
        section.subheading(say("quiz heading"))
        section.text(_quiz(report, say))
    if not section.blocks:
        section.text(say("no activities"))
    return section


def _quiz(report, say):
    quiz = report.total.measures
    text = say(
        "quiz",
        takers=number(quiz.takers),
        person_noun=say.noun("person", quiz.takers),
        answered=number(quiz.answered),
        correct=number(quiz.correct),
        rate=quiz.rate,
    )
    worst = report.worst_answered
    if worst:
        scams = (say("quiz scam", name=say.name(row.label), rate=row.measures.rate) for row in worst)
        text += say("quiz worst", worst=say.join("series", scams))
    return text + say("end")


def _results(facts, say):
    report = facts.report
    total = report.total
    people = reach_indicators(report.indicators)
    section = Section(say("section results"))
    others = [
        reach(indicator, total.values[indicator.code], say.language)
        for indicator in report.indicators
        if indicator not in people and indicator.code not in QUIZ_CODES and total.values.get(indicator.code)
    ]
    section.text(say("results", others=say.join("commas", others)) if others else say("no results"))
    for progress in report.campaigns:
        parts = [_target(say, "target", indicator, target, done) for indicator, target, done in progress.targets]
        if parts:
            campaign = say.name(progress.campaign)
            section.text(say("targets", campaign=campaign, parts=say.join("semicolons", parts)))
    return section


def _target(say, phrase, indicator, target, done):
    return say(
        phrase,
        indicator=say.indicator(indicator),
        done=number(done),
        target=number(target),
        left=number(target - done),
        unit=say.unit(indicator),
        percent=percent_done(done, target),
    )


def _problems(facts, say, level):
    """What the figures show is wrong, each with its plan: content gaps, silent units,
    campaigns behind their calendar, scam types whose cases rose where outreach is thin,
    and units with many cases for the outreach they received."""
    report, cases = facts.report, facts.cases
    problems = []
    uncovered = report.uncovered
    if uncovered:
        names = say.more([say.name(scam) for scam in uncovered], len(uncovered), "scam types measure")
        problems.append(Problem(say("uncovered", names=names), say("uncovered plan", names=names)))
    silent = facts.silent
    if silent:
        names = say.more([say.name(unit) for unit in silent], len(silent), "units measure")
        problems.append(Problem(say("silent", level=level, names=names), say("silent plan", names=names)))
    for progress, time_share, late in facts.behind():
        name = say.name(progress.campaign)
        done = say.join("semicolons", (_target(say, "late target", *item) for item in late))
        still = say.join("commas", (_target(say, "still to do", *item) for item in late))
        problems.append(
            Problem(say("behind", name=name, share=time_share, done=done), say("behind plan", name=name, still=still))
        )
    thin = cases.thin
    if thin:
        detail = say.join(
            "series",
            (
                say(
                    "thin scam",
                    scam=say.name(row.scam),
                    cases=number(row.cases),
                    previous=number(row.previous),
                    activities=number(row.activities),
                )
                for row in thin
            ),
        )
        names = say.join("and", (say.name(row.scam) for row in thin))
        problems.append(Problem(say("thin", detail=detail), say("thin plan", names=names)))
    next_units = cases.next_units
    if next_units:
        detail = say.join(
            "series",
            (
                say("next unit", unit=say.name(row.unit), cases=number(row.cases), reached=number(row.reached))
                for row in next_units
            ),
        )
        focus = cases.next_scam_types
        target = say("next focus", names=say.join("and", (say.name(row.scam) for row in focus))) if focus else ""
        units = say.join("and", (say.name(row.unit) for row in next_units))
        problems.append(Problem(say("next", detail=detail), say("next plan", units=units, focus=target)))
    return problems
