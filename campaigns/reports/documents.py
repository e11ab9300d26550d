"""The work report as people file it (工作汇报 in 公文 form): a title, five numbered
sections written from the figures, and a sign-off with the unit and the date.

一、基本情况 (the period, units, activities and reach, against the same period a year
earlier), 二、主要做法 (activity types, audiences, content and campaigns, with example
titles), 三、工作成效 (the other indicators that have figures, and campaign progress),
四、存在问题 and 五、下一步工作打算, with one plan for each problem named. The English
version says the same under headings I. to V.

Every number here is one the report's tables show (the year-earlier figures are in the
headline table beside this year's). The DOCX and the PDF are both drawn from WorkReport.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils import timezone

from campaigns.models import AWARENESS_RATE, QUIZ_TAKERS, Activity, Campaign, OrgUnit, percent_done
from fraudwatch.core.bilingual import TRADITIONAL_LANGUAGE, to_traditional

from . import summary
from .cases import reach_indicators
from .narrative import join_en, join_zh, number, quote_zh, reach
from .periods import year_earlier

CHINESE_DIGITS = "〇一二三四五六七八九"
EXAMPLES = 3
LISTED = 5  # names listed before "and N more"


def chinese_number(value):
    """1 to 99 as written in dates: 十, 十一, 二十, 二十九."""
    tens, ones = divmod(value, 10)
    if tens == 0:
        return CHINESE_DIGITS[ones]
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def chinese_date(day):
    """2026-11-29 → 二〇二六年十一月二十九日, as a 公文 is dated."""
    year = "".join(CHINESE_DIGITS[int(digit)] for digit in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def _name(obj, language):
    return (obj.name_en or obj.name_zh) if language == "en" else obj.name_zh


def change_percent(now, before):
    """The change from `before` to `now` in percent, one decimal at most; None without a base."""
    if not before:
        return None
    value = round((now - before) * 100 / before, 1)
    return value


def _percent_text(value):
    value = abs(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def period_label(start, end, language):
    """The months a period spans, as a title and a file name say it: 2026年1-11月 / 2026-01 to 2026-11."""
    if language == "en":
        first, last = f"{start:%Y-%m}", f"{end:%Y-%m}"
        return first if first == last else f"{first} to {last}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}年{start.month}月"
    if start.year == end.year:
        return f"{start.year}年{start.month}-{end.month}月"
    return f"{start.year}年{start.month}月-{end.year}年{end.month}月"


def scope_name(unit, language):
    """Who the report is about and who signs it: the chosen unit, else the organisation."""
    if unit is not None:
        return _name(unit, language)
    roots = list(OrgUnit.objects.filter(depth=1)[:2])
    if len(roots) == 1:
        return _name(roots[0], language)
    return "All units" if language == "en" else "全部单位"


def filename(filters, file_format, language):
    """青禾县公安局-2026年1-11月-工作汇报.docx / Qinghe-County-PSB-2026-01-to-2026-11-work-report.docx"""
    unit = scope_name(filters.unit, language)
    period = period_label(filters.start, filters.end, language)
    spreadsheet = file_format in ("csv", "xlsx")
    if language == "en":
        unit = unit.replace("Public Security Bureau", "PSB")
        what = "figures" if spreadsheet else "work-report"
        parts = [unit, period.replace(" ", "-"), what]
        text = "-".join(parts)
        text = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)
        text = "-".join(part for part in text.split("-") if part)
    else:
        what = "统计表" if spreadsheet else "工作汇报"
        text = "-".join([unit, period, what])
        text = "".join(ch for ch in text if ch not in '\\/:*?"<>|')
        if language == TRADITIONAL_LANGUAGE:
            text = to_traditional(text)
    return f"{text}.{file_format}"


@dataclass
class Section:
    heading: str  # 一、基本情况 / I. Overview
    blocks: list = field(default_factory=list)  # ("text", str) or ("subheading", str)

    def text(self, value):
        self.blocks.append(("text", value))

    def subheading(self, value):
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
        return ("" if self.language != "en" else " ").join(self.title_lines)

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


@dataclass
class Facts:
    """What the text is written from besides the report itself, each fetched once."""

    report: summary.Report
    previous: summary.Report
    cases: object  # CasesReport
    children: list  # the direct sub-units (the roots for the whole organisation), active ones
    examples: list  # titles of a few approved activities
    today: datetime.date

    @property
    def silent(self):
        active = {row.key for row in self.report.breakdowns["org_unit"].rows if row.activities}
        return [unit for unit in self.children if unit.code not in active]

    def behind(self):
        """[(progress, time share %, [(indicator, target, done)])] for the campaigns with a
        target behind the calendar: the share of it done is below the share of the
        campaign's days gone by the report's last day."""
        result = []
        for progress in self.report.campaigns:
            campaign = progress.campaign
            as_of = min(self.report.filters.end, campaign.end)
            days = (campaign.end - campaign.start).days + 1
            gone = max(0, min(days, (as_of - campaign.start).days + 1))
            late = [
                (indicator, target, done)
                for indicator, target, done in progress.targets
                if target and done * days < target * gone
            ]
            if late:
                result.append((progress, round(gone * 100 / days), late))
        return result


def gather(report, cases, *, campaigns=None, today=None):
    """The facts besides `report`: the same period a year earlier (a second report), the
    direct sub-units and a few example titles."""
    filters = report.filters
    earlier = summary.ReportFilters(
        start=year_earlier(filters.start),
        end=year_earlier(filters.end),
        unit=filters.unit,
        campaign=filters.campaign,
        activity_type=filters.activity_type,
        include_submitted=filters.include_submitted,
    )
    previous = summary.build(earlier, campaigns=Campaign.objects.none(), materials=False)
    if filters.unit is None:
        children = OrgUnit.objects.filter(depth=1)
    else:
        children = OrgUnit.objects.filter(path__startswith=filters.unit.path, depth=filters.unit.depth + 1)
    titles = (
        Activity.objects.using(settings.REPORTS_DATABASE)
        .filter(filters.condition(), status=Activity.Status.APPROVED)
        .order_by("-date", "-pk")
        .values_list("title", flat=True)[: EXAMPLES * 4]
    )
    examples = list(dict.fromkeys(title.strip().strip('“”"') for title in titles if title.strip()))[:EXAMPLES]
    return Facts(
        report=report,
        previous=previous,
        cases=cases,
        children=list(children.filter(active=True)),
        examples=examples,
        today=today or timezone.localdate(),
    )


def build(facts, language):
    if language == "en":
        return _english(facts)
    work = _chinese(facts)
    return _traditional(work) if language == TRADITIONAL_LANGUAGE else work


def _traditional(work):
    """The Chinese report in Traditional characters, converted as the catalogue is."""
    return replace(
        work,
        language=TRADITIONAL_LANGUAGE,
        title_lines=[to_traditional(line) for line in work.title_lines],
        period=to_traditional(work.period),
        sections=[
            Section(to_traditional(section.heading), [(kind, to_traditional(text)) for kind, text in section.blocks])
            for section in work.sections
        ],
        signer=to_traditional(work.signer),
        signed=to_traditional(work.signed),
    )


# Chinese ---------------------------------------------------------------------------


# The quizzes have a sentence of their own in section 二 (II), so 三 (III) leaves them out.
QUIZ_CODES = (QUIZ_TAKERS, AWARENESS_RATE)


def _quiz_zh(report):
    quiz = report.total.measures
    text = (
        f"组织防诈骗答题{number(quiz.takers)}人次（含扫码在线答题和纸质答卷），共答题{number(quiz.answered)}道，"
        f"答对{number(quiz.correct)}道，知晓率为{quiz.rate}%"
    )
    worst = report.worst_answered
    if worst:
        text += "，答对率最低的是" + "、".join(f"“{row.label.name_zh}”（{row.measures.rate}%）" for row in worst)
    return text + "。"


def _quiz_en(report):
    quiz = report.total.measures
    text = (
        f"{number(quiz.takers)} {_plural(quiz.takers, 'person', 'people')} took the anti-fraud quiz (online through "
        f"the kits' quiz codes and on paper), answering {number(quiz.answered)} questions, {number(quiz.correct)} "
        f"of them rightly: an awareness rate of {quiz.rate}%"
    )
    worst = report.worst_answered
    if worst:
        text += "; the scam types answered worst were " + join_en(
            f"{_name(row.label, 'en')} ({row.measures.rate}%)" for row in worst
        )
    return text + "."


def _zh_day(day):
    return f"{day.year}年{day.month}月{day.day}日"


def _zh_change(now, before, unit):
    change = change_percent(now, before)
    if change is None:
        return None
    base = f"（去年同期{number(before)}{unit}）"
    if change > 0:
        return f"同比增长{_percent_text(change)}%{base}"
    if change < 0:
        return f"同比下降{_percent_text(change)}%{base}"
    return f"与去年同期持平{base}"


def _zh_more(names, total, measure):
    listed = join_zh(names[:LISTED])
    return f"{listed}等{number(total)}{measure}" if total > LISTED else listed


def _chinese(facts):
    report, previous, cases = facts.report, facts.previous, facts.cases
    filters, total = report.filters, report.total
    unit = scope_name(filters.unit, "zh-hans")
    scope = f"{filters.unit.name_zh}及其下属单位" if filters.unit else "全部单位"
    level = "下一级单位" if filters.unit else "一级单位"
    counted = "已审核通过及待审核" if filters.include_submitted else "已审核通过"
    people = reach_indicators(report.indicators)

    basics = Section("一、基本情况")
    units_with = [row for row in report.breakdowns["org_unit"].rows if not row.own and row.activities]
    first = (
        f"{_zh_day(filters.start)}至{_zh_day(filters.end)}，{scope}共开展反诈宣传活动{number(total.activities)}场"
        f"（统计{counted}的活动），{number(len(facts.children))}个{level}中{number(len(units_with))}个有活动记录。"
    )
    phrases = [
        reach(indicator, total.values[indicator.code], "zh-hans")
        for indicator in people
        if total.values.get(indicator.code)
    ]
    if phrases:
        first += "活动中，" + "，".join(phrases) + "。"
    basics.text(first)
    if previous.total.activities:
        parts = [f"活动场次{_zh_change(total.activities, previous.total.activities, '场')}"]
        for indicator in people:
            before = previous.total.values.get(indicator.code, 0)
            if before:
                now = total.values.get(indicator.code, 0)
                parts.append(f"{indicator.name_zh}{_zh_change(now, before, indicator.unit_zh)}")
        basics.text(
            f"与去年同期（{_zh_day(previous.filters.start)}至{_zh_day(previous.filters.end)}）相比，"
            + "，".join(parts)
            + "。"
        )
    else:
        basics.text("去年同期没有活动记录，不作同比。")
    if cases.any:
        basics.text(
            f"同期{scope}共发生电信网络诈骗案件{number(cases.total_cases)}起，造成损失{number(cases.total_losses)}元"
            "（案件数据单独统计，不计入宣传数据）。"
        )

    methods = Section("二、主要做法")
    types = report.breakdowns["activity_type"].top()
    if types:
        methods.subheading("（一）多种形式开展宣传")
        names = quote_zh(row.label.name_zh for row in types)
        kinds = "、".join(f"{name}{number(row.activities)}场" for name, row in zip(names, types, strict=True))
        text = f"以{kinds}等形式为主开展宣传。"
        if facts.examples:
            text += "如" + "".join(f"“{title}”" for title in facts.examples) + "等活动。"
        methods.text(text)
    audiences = report.breakdowns["audience"].top()
    if audiences:
        methods.subheading("（二）突出重点人群")
        names = quote_zh(row.label.name_zh for row in audiences)
        groups = "、".join(f"{name}（{number(row.activities)}场）" for name, row in zip(names, audiences, strict=True))
        methods.text(f"宣传重点面向{groups}等人群。")
    scams = report.breakdowns["scam_type"].top()
    if scams:
        methods.subheading("（三）聚焦高发诈骗类型")
        covered = "、".join(f"“{row.label.name_zh}”（{number(row.activities)}场）" for row in scams)
        methods.text(f"宣传涉及最多的诈骗类型是{covered}。")
    if report.campaigns:
        methods.subheading("（四）开展专项行动")
        drives = "、".join(
            f"“{progress.campaign.name_zh}”{number(progress.activities)}场" for progress in report.campaigns
        )
        methods.text(f"围绕专项行动开展宣传活动，其中{drives}。")
    if total.measures.answered:
        methods.subheading("（五）开展防诈骗答题")
        methods.text(_quiz_zh(report))
    if not methods.blocks:
        methods.text("本期没有宣传活动记录。")

    results = Section("三、工作成效")
    others = [
        reach(indicator, total.values[indicator.code], "zh-hans")
        for indicator in report.indicators
        if indicator not in people and indicator.code not in QUIZ_CODES and total.values.get(indicator.code)
    ]
    results.text(("通过宣传，" + "，".join(others) + "。") if others else "本期未登记宣传资料、承诺书等成效数据。")
    for progress in report.campaigns:
        parts = [
            f"{indicator.name_zh}完成{number(done)}{indicator.unit_zh}，为目标{number(target)}{indicator.unit_zh}的"
            f"{percent_done(done, target)}%"
            for indicator, target, done in progress.targets
        ]
        if parts:
            results.text(f"“{progress.campaign.name_zh}”专项行动中，" + "；".join(parts) + "。")

    problems = _problems_zh(facts, level)
    issues, plans = Section("四、存在问题"), Section("五、下一步工作打算")
    if problems:
        for index, item in enumerate(problems, start=1):
            issues.text(f"{index}.{item.problem}")
            plans.text(f"{index}.{item.plan}")
    else:
        issues.text("本期各项工作推进正常，未发现突出问题。")
        plans.text("继续保持现有工作力度，巩固宣传成效。")

    return WorkReport(
        language="zh-hans",
        title_lines=_title_lines_zh(f"{unit}{period_label(filters.start, filters.end, 'zh-hans')}", "反诈宣传工作汇报"),
        period=f"（{_zh_day(filters.start)}至{_zh_day(filters.end)}）",
        sections=[basics, methods, results, issues, plans],
        signer=unit,
        signed=chinese_date(facts.today),
        previous=previous,
    )


TITLE_LINE = 20  # characters of 二号 type across the A4 text block


def _title_lines_zh(who, what):
    """One line when the title fits, else the unit and period above the subject, so that
    the break never falls inside a word."""
    return [who + what] if len(who + what) <= TITLE_LINE else [who, what]


def _problems_zh(facts, level):
    report, cases = facts.report, facts.cases
    problems = []
    uncovered = report.uncovered
    if uncovered:
        names = _zh_more([scam.name_zh for scam in uncovered], len(uncovered), "种")
        problems.append(
            Problem(
                f"宣传内容存在空白。诈骗类型库中{names}本期未开展宣传。",
                f"补齐宣传空白，将{names}纳入下一阶段宣传内容，逐一组织专题宣传。",
            )
        )
    silent = facts.silent
    if silent:
        names = _zh_more([unit.name_zh for unit in silent], len(silent), "个")
        problems.append(
            Problem(
                f"工作开展不平衡。{level}中{names}本期没有宣传活动记录。",
                f"督促{names}尽快开展宣传并及时登记活动。",
            )
        )
    for progress, time_share, late in facts.behind():
        name = progress.campaign.name_zh
        done_parts = "；".join(
            f"{indicator.name_zh}完成{number(done)}{indicator.unit_zh}，仅为目标{number(target)}{indicator.unit_zh}的"
            f"{percent_done(done, target)}%"
            for indicator, target, done in late
        )
        still = "，".join(
            f"{indicator.name_zh}还需完成{number(target - done)}{indicator.unit_zh}" for indicator, target, done in late
        )
        problems.append(
            Problem(
                f"“{name}”进度滞后。时间已过{time_share}%，{done_parts}。",
                f"加快“{name}”进度，{still}，确保按期完成目标。",
            )
        )
    thin = cases.thin
    if thin:
        detail = "、".join(
            f"“{row.scam.name_zh}”{number(row.cases)}起（去年同期{number(row.previous)}起，宣传{number(row.activities)}场）"
            for row in thin
        )
        problems.append(
            Problem(
                f"部分诈骗类型案件上升而宣传偏少。{detail}，宣传场次占比低于案件占比。",
                f"针对{join_zh(row.scam.name_zh for row in thin)}加大宣传力度，增加相关专题宣传场次。",
            )
        )
    next_units = cases.next_units
    if next_units:
        detail = "、".join(
            f"{row.unit.name_zh}（案件{number(row.cases)}起，宣传覆盖{number(row.reached)}人次）" for row in next_units
        )
        focus = cases.next_scam_types
        target = f"，重点宣传{join_zh(row.scam.name_zh for row in focus)}" if focus else ""
        problems.append(
            Problem(
                f"宣传力量与案件分布不够匹配。{detail}案件多而宣传覆盖相对少。",
                f"向{join_zh(row.unit.name_zh for row in next_units)}倾斜宣传力量{target}。",
            )
        )
    return problems


# English ---------------------------------------------------------------------------


def _en_day(day):
    return f"{day.day} {day:%B %Y}"


def _en_change(now, before, unit):
    change = change_percent(now, before)
    if change is None:
        return None
    base = f"(same period last year: {number(before)} {unit})"
    if change > 0:
        return f"up {_percent_text(change)}% on the same period last year {base}"
    if change < 0:
        return f"down {_percent_text(change)}% on the same period last year {base}"
    return f"the same as in the same period last year {base}"


def _en_more(names, total):
    listed = join_en(names[:LISTED])
    return f"{listed} ({number(total)} in all)" if total > LISTED else listed


def _plural(count, one, many):
    return one if count == 1 else many


def _english(facts):
    report, previous, cases = facts.report, facts.previous, facts.cases
    filters, total = report.filters, report.total
    unit = scope_name(filters.unit, "en")
    scope = f"{_name(filters.unit, 'en')} and the units under it" if filters.unit else "the whole organisation"
    level = "direct sub-units" if filters.unit else "top-level units"
    counted = "approved or awaiting review" if filters.include_submitted else "approved"
    people = reach_indicators(report.indicators)

    basics = Section("I. Overview")
    units_with = [row for row in report.breakdowns["org_unit"].rows if not row.own and row.activities]
    first = (
        f"From {_en_day(filters.start)} to {_en_day(filters.end)}, {scope} held {number(total.activities)} anti-fraud "
        f"outreach {_plural(total.activities, 'activity', 'activities')} (counting {counted} activities); "
        f"{number(len(units_with))} of the {number(len(facts.children))} {level} recorded activities."
    )
    phrases = [
        reach(indicator, total.values[indicator.code], "en") for indicator in people if total.values.get(indicator.code)
    ]
    if phrases:
        first += " In these activities " + join_en(phrases) + "."
    basics.text(first)
    if previous.total.activities:
        parts = [f"activities were {_en_change(total.activities, previous.total.activities, 'activities')}"]
        for indicator in people:
            before = previous.total.values.get(indicator.code, 0)
            if before:
                now = total.values.get(indicator.code, 0)
                change = _en_change(now, before, indicator.unit_en)
                parts.append(f"{(indicator.name_en or indicator.name_zh).lower()} was {change}")
        basics.text(
            f"Compared with {_en_day(previous.filters.start)} to {_en_day(previous.filters.end)}, "
            + "; ".join(parts)
            + "."
        )
    else:
        basics.text("No activities were recorded in the same period last year, so there is no comparison.")
    if cases.any:
        basics.text(
            f"In the same months {number(cases.total_cases)} fraud {_plural(cases.total_cases, 'case', 'cases')} "
            f"were filed in {scope}, with losses of {number(cases.total_losses)} yuan (case figures are counted "
            "apart and never added to the outreach figures)."
        )

    methods = Section("II. Main approaches")
    types = report.breakdowns["activity_type"].top()
    if types:
        kinds = join_en(f"{_name(row.label, 'en')} ({number(row.activities)})" for row in types)
        text = f"Outreach took mainly these forms: {kinds}."
        if facts.examples:
            text += " Examples: " + join_en(f"“{title}”" for title in facts.examples) + "."
        methods.text(text)
    audiences = report.breakdowns["audience"].top()
    if audiences:
        groups = join_en(f"{_name(row.label, 'en')} ({number(row.activities)})" for row in audiences)
        methods.text(f"It was aimed above all at {groups}.")
    scams = report.breakdowns["scam_type"].top()
    if scams:
        covered = join_en(f"{_name(row.label, 'en')} ({number(row.activities)})" for row in scams)
        methods.text(f"The scam types covered most were {covered}.")
    if report.campaigns:
        drives = join_en(
            f"“{_name(progress.campaign, 'en')}” ({number(progress.activities)})" for progress in report.campaigns
        )
        methods.text(f"Activities within campaigns: {drives}.")
    if total.measures.answered:
        methods.text(_quiz_en(report))
    if not methods.blocks:
        methods.text("No outreach activities were recorded.")

    results = Section("III. Results")
    others = [
        reach(indicator, total.values[indicator.code], "en")
        for indicator in report.indicators
        if indicator not in people and indicator.code not in QUIZ_CODES and total.values.get(indicator.code)
    ]
    results.text(
        ("Through this work " + join_en(others) + ".")
        if others
        else "No materials, commitments or other results were recorded."
    )
    for progress in report.campaigns:
        parts = [
            f"{(indicator.name_en or indicator.name_zh).lower()} reached {number(done)} of the {number(target)} "
            f"{indicator.unit_en} targeted ({percent_done(done, target)}%)"
            for indicator, target, done in progress.targets
        ]
        if parts:
            results.text(f"In the “{_name(progress.campaign, 'en')}” campaign, " + "; ".join(parts) + ".")

    problems = _problems_en(facts, level)
    issues, plans = Section("IV. Problems"), Section("V. Next steps")
    if problems:
        for index, item in enumerate(problems, start=1):
            issues.text(f"{index}. {item.problem}")
            plans.text(f"{index}. {item.plan}")
    else:
        issues.text("Work went to plan; no notable problems were found.")
        plans.text("Keep up the present effort and consolidate the results.")

    return WorkReport(
        language="en",
        title_lines=[f"{unit}: anti-fraud outreach work report, {period_label(filters.start, filters.end, 'en')}"],
        period=f"{_en_day(filters.start)} – {_en_day(filters.end)}",
        sections=[basics, methods, results, issues, plans],
        signer=unit,
        signed=_en_day(facts.today),
        previous=previous,
    )


def _problems_en(facts, level):
    report, cases = facts.report, facts.cases
    problems = []
    uncovered = report.uncovered
    if uncovered:
        names = _en_more([_name(scam, "en") for scam in uncovered], len(uncovered))
        problems.append(
            Problem(
                f"Gaps in content: no outreach covered {names}.",
                f"Fill the gaps: put {names} into the next round of outreach, with a session on each.",
            )
        )
    silent = facts.silent
    if silent:
        names = _en_more([_name(unit, "en") for unit in silent], len(silent))
        problems.append(
            Problem(
                f"Uneven work: {names} recorded no outreach activities.",
                f"Ask {names} to hold outreach activities and record them promptly.",
            )
        )
    for progress, time_share, late in facts.behind():
        name = _name(progress.campaign, "en")
        done_parts = "; ".join(
            f"{(indicator.name_en or indicator.name_zh).lower()} stands at {number(done)} of {number(target)} "
            f"{indicator.unit_en} ({percent_done(done, target)}%)"
            for indicator, target, done in late
        )
        still = join_en(
            f"{number(target - done)} more {indicator.unit_en} of {(indicator.name_en or indicator.name_zh).lower()}"
            for indicator, target, done in late
        )
        problems.append(
            Problem(
                f"“{name}” is behind schedule: {time_share}% of its time has passed, but {done_parts}.",
                f"Speed up “{name}”: {still} are needed to meet its targets on time.",
            )
        )
    thin = cases.thin
    if thin:
        detail = join_en(
            f"{_name(row.scam, 'en')} ({number(row.cases)} cases against {number(row.previous)} a year earlier, "
            f"{number(row.activities)} activities)"
            for row in thin
        )
        problems.append(
            Problem(
                f"Cases rose where outreach is thin: {detail}; their share of outreach is below their share of cases.",
                f"Step up outreach on {join_en(_name(row.scam, 'en') for row in thin)} with more sessions on them.",
            )
        )
    next_units = cases.next_units
    if next_units:
        detail = join_en(
            f"{_name(row.unit, 'en')} ({number(row.cases)} cases, {number(row.reached)} person-times reached)"
            for row in next_units
        )
        focus = cases.next_scam_types
        target = f", above all on {join_en(_name(row.scam, 'en') for row in focus)}" if focus else ""
        problems.append(
            Problem(
                f"Outreach does not follow the cases: {detail} have many cases for the outreach they received.",
                f"Move outreach towards {join_en(_name(row.unit, 'en') for row in next_units)}{target}.",
            )
        )
    return problems
