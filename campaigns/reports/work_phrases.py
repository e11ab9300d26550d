"""The words of the work report, in one table both languages read.

Each phrase is a pair (Chinese, English) of str.format templates; work_text writes the
report once and asks `Wording(language)` for the phrase it needs. The Chinese report is
the 公文 as people file it (一、基本情况 … 五、下一步工作打算, dated 二〇二六年十一月二十九日);
the English one says the same under headings I. to V. The Traditional report is the
Chinese one converted (documents.build), so it has no column here.
"""

from campaigns.models import OrgUnit
from fraudwatch.core.bilingual import by_language, is_english, text_in, written_in

from .narrative import join_en, join_zh, number, quote_zh

CHINESE_DIGITS = "〇一二三四五六七八九"
LISTED = 5  # names listed before "and N more"
TITLE_LINE = 20  # characters of 二号 type across the A4 text block


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


def change_percent(now, before):
    """The change from `before` to `now` in percent, one decimal at most; None without a base."""
    if not before:
        return None
    return round((now - before) * 100 / before, 1)


def percent_text(value):
    value = abs(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def period_label(start, end, language):
    """The months a period spans, as a title and a file name say it: 2026年1-11月 / 2026-01 to 2026-11."""
    if is_english(language):
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
        return text_in(unit, "name", language)
    roots = list(OrgUnit.objects.filter(depth=1)[:2])
    if len(roots) == 1:
        return text_in(roots[0], "name", language)
    return by_language(language, zh="全部单位", en="All units")


# (Chinese, English). Fields in braces are filled by work_text; a field a language does
# not use is simply left out of its template.
PHRASES = {
    # The title, the dates under it and the five section headings.
    "title": ("{unit}{period}", "{unit}: anti-fraud outreach work report, {period}"),
    "title subject": ("反诈宣传工作汇报", ""),  # set on a line of its own when the title is long
    "period": ("（{start}至{end}）", "{start} – {end}"),
    "day": ("{day.year}年{day.month}月{day.day}日", "{day.day} {day:%B %Y}"),
    "section basics": ("一、基本情况", "I. Overview"),
    "section methods": ("二、主要做法", "II. Main approaches"),
    "section results": ("三、工作成效", "III. Results"),
    "section issues": ("四、存在问题", "IV. Problems"),
    "section plans": ("五、下一步工作打算", "V. Next steps"),
    # 一、基本情况 / I. Overview
    "scope unit": ("{unit}及其下属单位", "{unit} and the units under it"),
    "scope all": ("全部单位", "the whole organisation"),
    "level unit": ("下一级单位", "direct sub-units"),
    "level all": ("一级单位", "top-level units"),
    "counted submitted": ("已审核通过及待审核", "approved or awaiting review"),
    "counted approved": ("已审核通过", "approved"),
    "overview": (
        "{start}至{end}，{scope}共开展反诈宣传活动{activities}场（统计{counted}的活动），"
        "{children}个{level}中{active}个有活动记录。",
        "From {start} to {end}, {scope} held {activities} anti-fraud outreach {activity_noun} "
        "(counting {counted} activities); {active} of the {children} {level} recorded activities.",
    ),
    "reached": ("活动中，{phrases}。", " In these activities {phrases}."),
    "activities changed": ("活动场次{change}", "activities were {change}"),
    "activities unit": ("场", "activities"),
    "indicator changed": ("{name}{change}", "{name} was {change}"),
    "compared": ("与去年同期（{start}至{end}）相比，{changes}。", "Compared with {start} to {end}, {changes}."),
    "no comparison": (
        "去年同期没有活动记录，不作同比。",
        "No activities were recorded in the same period last year, so there is no comparison.",
    ),
    "change base": ("（去年同期{before}{unit}）", "(same period last year: {before} {unit})"),
    "change up": ("同比增长{percent}%{base}", "up {percent}% on the same period last year {base}"),
    "change down": ("同比下降{percent}%{base}", "down {percent}% on the same period last year {base}"),
    "change none": ("与去年同期持平{base}", "the same as in the same period last year {base}"),
    "cases": (
        "同期{scope}共发生电信网络诈骗案件{cases}起，造成损失{losses}元（案件数据单独统计，不计入宣传数据）。",
        "In the same months {cases} fraud {case_noun} were filed in {scope}, with losses of {losses} yuan "
        "(case figures are counted apart and never added to the outreach figures).",
    ),
    # 二、主要做法 / II. Main approaches; the English report has no subheadings.
    "types heading": ("（一）多种形式开展宣传", ""),
    "type": ("{name}{count}场", "{name} ({count})"),
    "types": ("以{kinds}等形式为主开展宣传。", "Outreach took mainly these forms: {kinds}."),
    "examples": ("如{titles}等活动。", " Examples: {titles}."),
    "audiences heading": ("（二）突出重点人群", ""),
    "audience": ("{name}（{count}场）", "{name} ({count})"),
    "audiences": ("宣传重点面向{groups}等人群。", "It was aimed above all at {groups}."),
    "scams heading": ("（三）聚焦高发诈骗类型", ""),
    "scam": ("“{name}”（{count}场）", "{name} ({count})"),
    "scams": ("宣传涉及最多的诈骗类型是{covered}。", "The scam types covered most were {covered}."),
    "campaigns heading": ("（四）开展专项行动", ""),
    "campaign": ("“{name}”{count}场", "“{name}” ({count})"),
    "campaigns": ("围绕专项行动开展宣传活动，其中{drives}。", "Activities within campaigns: {drives}."),
    "quiz heading": ("（五）开展防诈骗答题", ""),
    "quiz": (
        "组织防诈骗答题{takers}人次（含扫码在线答题和纸质答卷），共答题{answered}道，答对{correct}道，知晓率为{rate}%",
        "{takers} {person_noun} took the anti-fraud quiz (online through the kits' quiz codes and on paper), "
        "answering {answered} questions, {correct} of them rightly: an awareness rate of {rate}%",
    ),
    "quiz worst": ("，答对率最低的是{worst}", "; the scam types answered worst were {worst}"),
    "quiz scam": ("“{name}”（{rate}%）", "{name} ({rate}%)"),
    "no activities": ("本期没有宣传活动记录。", "No outreach activities were recorded."),
    "end": ("。", "."),
    # 三、工作成效 / III. Results
    "results": ("通过宣传，{others}。", "Through this work {others}."),
    "no results": (
        "本期未登记宣传资料、承诺书等成效数据。",
        "No materials, commitments or other results were recorded.",
    ),
    "target": (
        "{indicator}完成{done}{unit}，为目标{target}{unit}的{percent}%",
        "{indicator} reached {done} of the {target} {unit} targeted ({percent}%)",
    ),
    "targets": ("“{campaign}”专项行动中，{parts}。", "In the “{campaign}” campaign, {parts}."),
    # 四、存在问题 and 五、下一步工作打算 / IV. Problems and V. Next steps: one plan per problem.
    "numbered": ("{index}.{text}", "{index}. {text}"),
    "no problems": ("本期各项工作推进正常，未发现突出问题。", "Work went to plan; no notable problems were found."),
    "no plans": ("继续保持现有工作力度，巩固宣传成效。", "Keep up the present effort and consolidate the results."),
    "more": ("{listed}等{total}{measure}", "{listed} ({total} in all)"),
    "scam types measure": ("种", ""),
    "units measure": ("个", ""),
    "uncovered": (
        "宣传内容存在空白。诈骗类型库中{names}本期未开展宣传。",
        "Gaps in content: no outreach covered {names}.",
    ),
    "uncovered plan": (
        "补齐宣传空白，将{names}纳入下一阶段宣传内容，逐一组织专题宣传。",
        "Fill the gaps: put {names} into the next round of outreach, with a session on each.",
    ),
    "silent": (
        "工作开展不平衡。{level}中{names}本期没有宣传活动记录。",
        "Uneven work: {names} recorded no outreach activities.",
    ),
    "silent plan": (
        "督促{names}尽快开展宣传并及时登记活动。",
        "Ask {names} to hold outreach activities and record them promptly.",
    ),
    "late target": (
        "{indicator}完成{done}{unit}，仅为目标{target}{unit}的{percent}%",
        "{indicator} stands at {done} of {target} {unit} ({percent}%)",
    ),
    "still to do": ("{indicator}还需完成{left}{unit}", "{left} more {unit} of {indicator}"),
    "behind": (
        "“{name}”进度滞后。时间已过{share}%，{done}。",
        "“{name}” is behind schedule: {share}% of its time has passed, but {done}.",
    ),
    "behind plan": (
        "加快“{name}”进度，{still}，确保按期完成目标。",
        "Speed up “{name}”: {still} are needed to meet its targets on time.",
    ),
    "thin scam": (
        "“{scam}”{cases}起（去年同期{previous}起，宣传{activities}场）",
        "{scam} ({cases} cases against {previous} a year earlier, {activities} activities)",
    ),
    "thin": (
        "部分诈骗类型案件上升而宣传偏少。{detail}，宣传场次占比低于案件占比。",
        "Cases rose where outreach is thin: {detail}; their share of outreach is below their share of cases.",
    ),
    "thin plan": (
        "针对{names}加大宣传力度，增加相关专题宣传场次。",
        "Step up outreach on {names} with more sessions on them.",
    ),
    "next unit": (
        "{unit}（案件{cases}起，宣传覆盖{reached}人次）",
        "{unit} ({cases} cases, {reached} person-times reached)",
    ),
    "next focus": ("，重点宣传{names}", ", above all on {names}"),
    "next": (
        "宣传力量与案件分布不够匹配。{detail}案件多而宣传覆盖相对少。",
        "Outreach does not follow the cases: {detail} have many cases for the outreach they received.",
    ),
    "next plan": ("向{units}倾斜宣传力量{focus}。", "Move outreach towards {units}{focus}."),
}

# How each kind of list is joined: (Chinese, English).
LISTS = {
    "and": (join_zh, join_en),  # names: 甲、乙 / A and B
    "series": ("、".join, join_en),  # names with their figures
    "commas": ("，".join, join_en),  # clauses of one sentence
    "clauses": ("，".join, "; ".join),
    "semicolons": ("；".join, "; ".join),
    "titles": ("".join, join_en),  # quoted activity titles
}

# English nouns that follow a count (Chinese has a measure word in the phrase instead).
PLURALS = {"activity": "activities", "case": "cases", "person": "people"}


class Wording:
    """The report's words in `language` ("en", or Chinese for anything else)."""

    def __init__(self, language):
        self.language = written_in(language)
        self.column = by_language(language, zh=0, en=1)

    def __call__(self, key, **fields):
        return PHRASES[key][self.column].format(**fields)

    def join(self, kind, items):
        return LISTS[kind][self.column](list(items))

    def noun(self, singular, count):
        if not is_english(self.language):
            return ""
        return singular if count == 1 else PLURALS[singular]

    def name(self, obj):
        return text_in(obj, "name", self.language)

    def labels(self, names):
        """Names of types or groups before their figures: quoted in Chinese when one holds 、."""
        names = list(names)
        return names if is_english(self.language) else quote_zh(names)

    def indicator(self, indicator):
        """An indicator's name inside a sentence."""
        name = text_in(indicator, "name", self.language)
        return name.lower() if is_english(self.language) else name

    def unit(self, indicator):
        return text_in(indicator, "unit", self.language)

    def day(self, day):
        return self("day", day=day)

    def signed(self, day):
        return self.day(day) if is_english(self.language) else chinese_date(day)

    def title_lines(self, unit, start, end):
        """One line when the Chinese title fits, else the unit and period above the
        subject, so that the break never falls inside a word."""
        who = self("title", unit=unit, period=period_label(start, end, self.language))
        what = self("title subject")
        return [who + what] if not what or len(who + what) <= TITLE_LINE else [who, what]

    def change(self, now, before, unit):
        change = change_percent(now, before)
        if change is None:
            return None
        base = self("change base", before=number(before), unit=unit)
        key = "change up" if change > 0 else "change down" if change < 0 else "change none"
        return self(key, percent=percent_text(change), base=base)

    def more(self, names, total, measure):
        listed = self.join("and", names[:LISTED])
        return self("more", listed=listed, total=number(total), measure=self(measure)) if total > LISTED else listed
