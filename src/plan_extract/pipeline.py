"""From a report's text to target records: the one way through.

text → :func:`normalize` (normalised text + offset map) → sections and
sentences (:mod:`structure`) → quantities (:mod:`quantities`) → records with
metric, verb, hedge, stance and horizon (this module) → :class:`Document`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._rx import compile_scanner
from ._segment import fast_tokenizer
from .indicators import indicator_for
from .lexicon import Lexicon, _alternation, default_lexicon
from .models import (
    Comparator,
    Direction,
    Document,
    Kind,
    Level,
    Stance,
    Target,
    _tidy_number,
    _trusted_target,
)
from .normalize import Normalized, normalize
from .quantities import Quantity, find_quantities
from .structure import (
    Sentence,
    announces_next_year,
    ascii_years,
    fyp_period,
    infer_metadata,
    split_sentences,
)
from .units import base_unit

if TYPE_CHECKING:
    import re

    import regex
else:
    from ._rx import re, regex  # the standard modules, compile() reusing earlier runs' work

# Clause boundaries inside a sentence (the comma family); 、 separates list items.
_CLAUSE = re.compile(r"[,，;；:：]")  # (stdlib re: a class of literals, found faster than by regex)
@functools.lru_cache(maxsize=8)
def _qual_pattern(lex: Lexicon) -> Any:
    """Qualitative targets from the lexicon's word lists (data/cues.json, "qualitative").

    A ``regex`` pattern, or (the usual case) the same pattern for the stdlib ``re`` behind a
    look-ahead for the characters a match can start with: ``re`` then skips the other
    positions at once and searches a sentence in less than half the time (the same matches:
    the look-ahead only states what every match starts with).
    """
    q = lex.cues["qualitative"]

    def alt(key: str) -> str:
        return "|".join(regex.escape(w) for w in sorted(q[key], key=len, reverse=True))

    body = (
        rf"(?P<q>(?:(?:要|继续)?(?:与|和|同)[^，,。；;、]{{1,16}}?(?:{alt('relations')})))"
        rf"|(?P<k>(?:{alt('comparisons')})[^，,。；;、]{{2,12}}?(?=[，,。；;]|$))"
        rf"|(?P<b>(?:{alt('states')})|(?<=收支)平衡(?=[，,。；;]))"
        rf"|(?P<c>(?:{alt('degrees')})(?:{alt('changes')}))"
        rf"|(?P<t>(?:全面)?完成(?:国家|省|市|上级)?(?:、[省市])?(?:下达|确定)?的?[^，,。；;]{{0,28}}?(?:{alt('tasks')}))"
    )
    # what a match starts with: (要|继续)?(与|和|同) (q), a comparison word (k), a state word
    # or 平衡 (b), a degree word, or a change word when a degree may be empty (c), 全/完 (t)
    firsts = set("要继与和同平全完")
    for key in ("comparisons", "states", "degrees"):
        ws = q[key]
        firsts |= {w[0] for w in ws if w}
        if not ws or not all(ws):
            if key != "degrees" or not q["changes"] or not all(q["changes"]):
                return regex.compile(body)  # a branch may start anywhere: no look-ahead
            firsts |= {w[0] for w in q["changes"]}
    fast = compile_scanner("(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])(?:" + body + ")")
    return fast if isinstance(fast, re.Pattern) else regex.compile(body)
@functools.lru_cache(maxsize=8)
def _qual_prefilter(lex: Lexicon) -> re.Pattern[str] | None:
    """Words one of which every match of :func:`_qual_pattern` contains, as a stdlib ``re`` alternation.

    A relation word (q), a comparison word (k), a state word or 平衡 (b), a change word (c),
    完成 (t).  Searching a sentence for these literals costs a fraction of the full pattern,
    and five sentences in six have none.  None (no prefilter) when a word list is empty.
    """
    q = lex.cues["qualitative"]
    lists = [q["relations"], q["comparisons"], q["states"], q["changes"]]
    if not all(lists) or not all(w for ws in lists for w in ws):
        return None
    words = {w for ws in lists for w in ws} | {"平衡", "完成"}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


_TIME_LEAD = regex.compile(
    r"^(?:(?:为|为了)?(?:到|至|在|从|自)?(?:(?:19|20)\d{2}(?:年(?!度)(?:底|末)?(?:前|以前|之前)?|(?=年度))|“?十[一二三四五六七八九]?五”?(?:时期|期间|末)?"
    r"|今后(?:[一二两三四五六七八九十]{1,2}年(?:内|中(?!央)|里)?|几年|一个时期|一段时期)?|未来五年|五年内|\d年内|[一二两三四五六七八九十]{1,2}年(?:内|中(?!央)|里|间)"
    r"|年内|今年(?:年)?(?:底|末)?(?:前)?|明年|全年|当年|年底前|年末前|年底|年末|本年内|(?:在)?正常年景(?:下)?|[本下]世纪(?:末|初|内|中叶)|(?:前|头)?[\d一二两三四五六七八九十]{1,2}个月(?:内|里|中)?|(?:实际)?(?:执行|实施)(?:过程)?中"
    r"|(?:按照|根据|依照)[^，,。；;]{0,10}(?:情况|要求|条件)|[上下]半年|(?:春|秋)季学期|(?:第[一二三四]|[一二三四])季度|用[一二两三四五六七八九十\d]+年(?:左右)?(?:的)?时间|[五十]年平均|(?:平均)?每年(?:平均)?有"
    r"|(?:第[一二三四五六七八九十]个)?五年(?:计划)?(?:期间|时期|合计|以来|内|中)?)(?:的|，|,)?)+"
)
_CAUSER_LEAD = regex.compile(r"^(?:我们|我国|各地|各级政府)?(?:还|都|一定|仍然)?(?:要|将|必须|应该|应当|需要)?(?:力争|争取|努力|切实)?(?:使|让)(?=\p{Han}{2})")
_ACHIEVED_CUE = regex.compile(
    r"(?<![今后未来近再用花需])(?:头|这|过去的?)?两年(?![内后间度多半]|以后|时间|左右|行动|计划|攻坚|[里中]要)(?=来|中|以来|平均|\p{Han}{0,12}增长)|(?<![今明])前[两三四五]年|应到|实到|出席|已经(?!(?:确定|提出|制定|明确|规定)的)|据了解|據了解|(?<!而)已(?=[\p{Han}])(?!经?(?:确定|提出|制定|明确|规定)的)|据[^，,。；\d]{0,20}统计|据(?=[^，,。；]{0,30}统计)|据对(?=[^。；]{0,40}(?:检查|调查|抽查|普查))|为止|同期|首次(?=突破|超过|跨上|迈上|站上|跃上)|只(?:征收|完成|差|有|占|生产|达到)了?|解放(?:以)?前|旧中国|(?<![减避防杜少止挽])(?:浪费|损失)(?=了?[\d一二三四五六七八九十两])|计划完成(?=了|情况|[^，,。；;]{0,10}[%％])|完成(?:了)?(?:全?年)?计划|没有完成|实际上|实际(?:建成|完成|达到)"
    r"|(?<=\p{Han})以来|(?<![到至在项题节科比较])目前(?!为止|期)|(?<![实比较])现在(?![起开要])|这几年|近几年|近年来"  # 解放以来: since; 目前, 现在: the present
    r"|(?<![比较与同于跟和在过的低高超由从自象像])去年(?!同期|同|水平|基础|基数|的水平|的基础|底前)"  # 全市去年新增就业12万人 (not 比去年, 超过去年)
)
# a part of the year gone by (a mid-year report): results (scanned only where 半, 季 or 月 occur)
# 已建成自然村的…: 已 inside an attributive (已 + verb + noun + 的 + noun)
_POSSESSION_VERBS = frozenset({"拥有", "现有", "共有"})
_SCOPE_HAS = regex.compile(r"(?:^|[，,])(?:全国|全省|全市|全区|全县|我国|我省|我市|目前|现在)(?:共|还|仅|只)?有$")  # 全国有24万多户国有小企业
_ATTRIBUTIVE_DONE = regex.compile(r"\p{Han}{1,8}的\p{Han}|(?:建成|完成|开工|投产|投用|投运)(?!了)\p{Han}{2}")  # (已建成自然村生活污水治理设施)
_RX_CLAUSE_BREAK = regex.compile(r"[，,；;：:]")
_RATIO_OF_YEAR = regex.compile(r"(?:为|是|相当于|等于)$")
_MIDYEAR_CUE = regex.compile(r"(?<![今明])上半年|前三季度|(?<![今明])一季度|一二两月|一、二月份|(?:头|前)两个月|1[—\-－~～至]\d{1,2}月|一至[二三四五六七八九十]{1,2}月")
# 高出预期目标1.9个点: a figure set against the target is a result (scanned only where 目 occurs)
_MISSED_TARGET_CUE = regex.compile(r"(?:高出|超出|超过|低于|高于|快于|慢于)(?:全年)?(?:预期|计划)?目标(?:任务)?")
_TARGET_MISSED_AFTER = regex.compile(r"[，,]?" + _MISSED_TARGET_CUE.pattern)  # (…，高出预期目标 right after the figure)
_PAREN_ANY = regex.compile(r"[（(][^（()）]{0,30}[)）]")
# a short alternative in brackets is part of a name (训练室（场）, 县（市、区）, 业主委员会（物业管理委员会）);
# an aside (包括…, 扣除…, 含…) is not
_ALTERNATIVE_BODY = r"(?!包括|不包括|含|不含|扣除|注|下同|简称|即|其中|按|暂)\p{Han}{1,8}(?:、\p{Han}{1,8})*"
_PAREN_ALTERNATIVE = regex.compile(r"[（(]" + _ALTERNATIVE_BODY + r"[)）]")
_RX_LATIN_END = regex.compile(r"[A-Za-z]$")
_PAREN_CODE = regex.compile(r"[（(][A-Za-z]{1,4}[_.]?\d+(?:\.\d+)?[)）]")
_PAREN_ALTERNATIVE_END = regex.compile(r"[（(]" + _ALTERNATIVE_BODY + r"[)）]$")
_PAREN_TAIL = regex.compile(r"[（(][^（()）]*[)）]?$")
_QUOTED_TAIL = regex.compile(r"“([^“”]{2,20})”$")
# 十四五 (the 14th five-year plan), 十五 (10th), and the older 六五…九五 (6th–9th), quoted or not
# (not when it only dates an attributive: “十四五”批复的6个基地, 十三五规划确定的项目 are built now)
# A bare 十五 or 六五…九五 is a plan only in quotes or before 计划/时期/期间…: not 第十五届, 十五运会, 党的十五大,
# 十五万吨, 六五环境日, an enumeration's 十五是…; 十一五…十九五 (never a numeral) also unquoted
_FYP = regex.compile(
    r"(?<![一二三四五六七八九十点])(?<![比较同]“?)(?:十([一二三四五六七八九])?|([六七八九]))五"
    r"(?:(?<=[“\"「‘『][ \t　]*(?:十[一二三四五六七八九]?|[六七八九])五)(?![冬运])"
    r"|(?<=十[一二三四五六七八九]五)(?![万亿千百点])"
    r"|(?=[”’」』]?(?:计划|规划|时期|期间|時期|期間|計劃|規劃|前期|后期|以来|简要)))"
    r"(?![年个项%])(?!”?末)"
    r"(?!”?(?:时期|期间|期)?(?:规划)?(?:已|所)?(?:批复|确定|布局|谋划|储备|部署|批准|核准)的)"
)
# 到2027年, 在2025年; not 在1954年的基数上 / 在2020年基础上 (the base of a comparison)
_TO_YEAR = regex.compile(
    r"(?:(?:到|至)((?:19|20)\d{2})年(?!的?(?:基数|基础|水平)上?)|在((?:19|20)\d{2})年(?=底|末|前|以前|之前|内|[，,]|完成|实现|达到|全面))"
)
# a year standing alone as the time of a clause (一九五二年有十九万人, 2023年全市GDP增长5.2%); not the
# base of a comparison (比2023年, 较2020年, 与2020年相比), a span or a decade (1950年代)
_BARE_YEAR = regex.compile(
    r"(?<![比较同与和从由自至到为于以—–\-－~～\d])((?:19|20)\d{2})年(?!代|[—–\-－~～至到]|以前|的?(?:基数|基础|水平)上?|为基)"
)
_TIME_SUBJECT = frozenset({"年度", "全年", "当年", "今年", "本年", "年内", "每年", "同期", "上半年", "下半年"})
_REFERENCE_AFTER = regex.compile(r"的?(?:数目|数字|水平|标准)?(?:还|要|更)?[高低多少快慢]")
# 占全国人口80%以上的农民: 占 opening the clause's relative part (not 比重占GDP的8%, where a subject precedes)
_SHARE_RELATIVE = regex.compile(r"(?:^|[，,的来看有])占[^，,。；;]{1,12}$")
_RATIO_TAIL = regex.compile(r"(?:比例|比重|占比|[^效]率)\s*$")
_ACTIVITY_VERBS = frozenset({"开展", "实施", "组织", "举办", "进行", "推进", "完成"})
_NATION_AFTER = regex.compile(r"(?:多)?(?:中国人|人民(?![币幣])|人口|人的|劳动力|在校学生|农民)")
_LEVEL_ONLY = frozenset({"达", "达到", "将达", "超过", "突破", "为"})
_PER_OUTPUT = regex.compile(r"单位(?:国内|地区)?生产总值|单位GDP|单位工业增加值|万元(?:国内|地区)?(?:生产总值|GDP)")
_MODAL_PREFIX = frozenset({"拟", "待", "将", "已", "正在", "计划"})
_ADJECTIVE_LEAD = regex.compile(r"\p{Han}{2,3}性(?=\p{Han}{4})")
_DISPOSAL_LATE = regex.compile(r"(?:^\p{Han}{0,6}?|[、，,]\p{Han}{0,4}?)把(?![握关手])(\p{Han}{2,10})$")  # (六五计划把这个比例)
_APPROX_SHARE = regex.compile(r"(?<![节条契预签合制公盟缔])约占[^，,。；;\d]{0,16}$")
_SHARE_CLAUSE = regex.compile(r"\s*在[^，,。；;]{2,16}中的(?:比重|比例)")
_FUNDS_FROM = regex.compile(r"从([^，,。；;从]{2,16}?)中(拿出|提取|划出|调出|安排|调剂)$")
_CURRENCY_WORDS = ("人民币", "美元", "港币", "欧元")
_PREDICATE_FIRST = frozenset("是")
_AFTER_FIGURE_NOT_NOUN = ("或者", "或是", "甚至", "为限", "为止", "为宜", "为准", "为度")
_VERB_JOINERS = frozenset(("、", "和", "或", "及", "与"))
_NOT_AFTER_LEAD_VERB = frozenset("的了着过在到至为和与及、，,；;：:（(")
# 出口总额, 就业人数, 投资额: a verb before a measure word is part of an indicator's name
_MEASURE_HEAD = regex.compile(r"(?:投资|学生|人员|工人|职工|人口|总额|总量|总值|额|量|率|数|值|人数|规模|比重|比例|占比|强度|增速|增幅|水平|指数|价格|能力|收入|支出|金额|面积|时间|周期|标准|里程)")
# 具有…的X, 技术专业、产业鲜明、生态完善的X: descriptions (clauses of four or more characters) before 的
_DESCRIPTOR_DE = regex.compile(r"^(?:(?:具有|拥有|已经|已)[^的，,。；;]{1,16}的|[^的，,。；;、]{4,}(?:、[^的，,。；;、]{4,})+的)")
# 43 新装…, 龙岗公安分局 44 对全区…: a table's row number (and the previous row's department before it)
_ROW_NUMBER = regex.compile(r"^(?:[^\d]*?[\p{Han}][ \t　]*)?\d{1,3}[ \t　]+(?=\p{Han})")
# 约增长15%, 约有2300个, 至少节约10%: a comparator word before the verb still qualifies the figure
_DETACHED_APPROX = regex.compile(r"(?:大约|(?<![节条契预签合制公盟缔])约)(?![束定请见])\p{Han}{0,3}$")
_DETACHED_MIN = regex.compile(r"(?:至少|最少|最低)\p{Han}{1,3}$")
_DETACHED_MAX = regex.compile(r"(?:至多|最多|最高)(?:不超过)?\p{Han}{0,3}$")
# 工人职员的平均工资以货币计算, 农业总产值在五年内: a basis of measurement or a period is not the metric
_METRIC_TAIL = regex.compile(r"(?:(?<=\p{Han}{2})(?:到|至)?(?:19|20)\d{2}年(?:底|末)?|(?<=\p{Han}{2})的?(?:宏观)?(?:调控|预期)(?:目标)?|(?<=\p{Han}{2})的?控制目标|(?<=产值|生产|总值|产量)计划|按[^，,。；;]{1,6}口径|以[^，,。；;]{1,6}计算|在?(?:[一二三四五六七八九十两]{1,3}|\d{1,2})年(?:内|中|里|间)|每年|(?<=\p{Han}{2})(?:全年|今年(?:年)?底(?:前)?|今年|年内|年底前|年底|年末|[两三五十]年|至少|最少|(?:平均)?每(?:[\d.]+|[一二两三四五六七八九十百千万]+)?(?:斤|公斤|吨|亩|人)))$")
_YEAR_OF = regex.compile(r"(?:((?:19|20)\d{2})年|(?<=比)(?:上年|去年|前一年|现有|目前|现在|第[一二三四五六七八九十]+个五年计划(?:期间|时期)))的$")
_CREATED_DE = regex.compile(r"^[^的，,。；;、]{0,8}?(?:新增加|增加|新增|新建成|新建|建成|设立|施工|投入生产|投产)的(?!\p{Han}?的)")
# 铁：…五年内增加的年产能力为280万吨 → 铁年产能力: a capacity or output noun takes the line's topic
_TOPIC_MEASURE = regex.compile(r"(?:全国)?(?:(?:年产|生产|发电|加工|运输|年)?能力|年?产量|播种面积|总产值|产值)$")
_COLON_TOPIC = regex.compile(r"[ \t　]*([^，,。；;：:\d]{2,10})[：:]")
_LINE_TOPIC = regex.compile(r"[ \t　]*(?:以|就|拿)?([^，,。；;：:\d]{1,10}?)(?:来说|而言|方面)?[：:，,]")
_YEAR_DIGITS = regex.compile(r"((?:19|20)\d{2})年")
_SENT_FRAME = regex.compile(r"\s*在(?:这些|这|上述|以上|所有)?([^，,。；;：:]{2,20}?)(?:之中|中)[，,]")
_PRICE_RISE = ("上涨幅度", "涨幅")
_RATE_OF_CHANGE = ("增长速度", "增速", "增幅", "涨幅", "增长幅度", "经济增长")  # (人口自然增长率 is a level: a ratio)
# 居民消费价格指数控制在3.5%以内: a price index's level in percent is inflation, a change
# (103%左右 is the index itself, last year = 100: a level)
_PRICE_LEVEL = regex.compile(r"(?:消费|零售|商品)?价格(?:指数|总水平)?$|物价(?:总水平)?$")
_BUDGET_KINDS = frozenset({"公共", "部门", "基金", "本级", "经营", "综合"})  # 一般公共预算 names a budget
_PLAN_NAME = regex.compile(r"(?:[一二三四五六七八九十]+个|十[一二三四五六七八九]?五|年度|五年|中长期)计划$")
_PLANNED_VERB = regex.compile(r"(?:拟|将|要)?(?:为|达|安排|提高|增长|增加|平均|每年|递增|降低|下降|减少|比|新建|建成|投资)")
# verbs that, with an object and 的, make a relative clause naming money (用于教育的经费)
_RELATIVE_VERBS = frozenset({"用于"})
_DE_HEAD_END = regex.compile(r"的[^\d，,、的“”]{1,6}$")
_PURPOSE_VERBS = frozenset({"实施", "用于", "支持", "开展", "推进", "设立", "建立"})
_FUNDERS = frozenset(
    {"中央财政", "财政", "各级财政", "地方财政", "省级财政", "市级财政", "区级财政", "县级财政", "本级财政", "政府", "国家",
     "各级政府", "中央政府", "国家财政"}
)
# 中央财政将为此投入100亿元: a funder with its modal words before the funding verb
_FUNDER_MODALS = r"(?:拟|将|计划|再|还将|还要|也将|为此|今年)"
_FUNDER_MODAL = regex.compile(r"(.+?)" + _FUNDER_MODALS + "+")
_PURPOSE_AFTER = regex.compile(r"(?:[，,]比上年[^，,。；;]{2,12})?[，,]?(?:重点|专项|主要)?(?:用于|支持)([^，,。；;]{2,20})")
_FUNDING_VERBS = ("安排", "投入", "拨出", "拿出", "下达", "拨付")
_FUNDING_VERB_LAST = frozenset(v[-1] for v in _FUNDING_VERBS)
_FUNDING_VERB_RX = "(" + "|".join(_FUNDING_VERBS) + ")"
# 中央财政拟投入433亿元用于促进就业: the funder and its verb read as one noun
_FUNDER_VERB = regex.compile(
    r"(" + "|".join(sorted(_FUNDERS, key=len, reverse=True)) + r")" + _FUNDER_MODALS + "{0,3}" + _FUNDING_VERB_RX
)
# a funder before what it pays for (not bare 财政, 国家 or 政府: 财政收入, 国家级, 政府债务 are names)
_FUNDER_LEAD = regex.compile(r"(?:中央财政|各级财政|地方财政|省级财政|市级财政|区级财政|县级财政|本级财政|各级政府|中央政府)(?:拟|将|再|还将|计划)?")
_FUNDER_VERB_LEAD = regex.compile(_FUNDING_VERB_RX)
# 中央财政赤字, 地方财政收入, 地方政府债务: the funder names the fiscal indicator
_FISCAL_NAME = regex.compile(r"(?:一般公共预算|一般预算|公共预算|总)?(?:赤字|收入|支出|预算|债|存款|结余|专项债)")
_GENERIC_MEASURES = frozenset({"产值", "总产值", "产业产值", "产业规模", "产业投资", "营收", "营业收入"})
_SECTOR_TOPIC = regex.compile(r"(?:^|(?<=[。；！？]))[ \t　]*(\p{Han}{2,10}?产业)(?![链园区集群基地带])")
_SKIPPABLE_CLAUSE = regex.compile(r"\s*(?:按照|根据|依照|在|于(?!是)|从(?![事业])|经过)")  # (从事农业的劳动力 is a noun phrase)
_HAS_EXAMPLES = regex.compile(r"(.{2,20}?)(?:共|还|将|将要)?有[^，,。；;有]{2,40}等\s*$")
_NAMED_GOAL_BEFORE = frozenset("。，,；;：:“‘\"就对把为")
_SUFFIX_FIRST = frozenset("率量数额值度比里")
_NOUN_THEN_LIST = regex.compile(r"[^，,；;。：:\d]{1,14}、")
_SUFFIX_MEASURES = frozenset({"率", "量", "数", "额", "值", "度", "比", "比例", "比重", "数量", "里程"})
_EMPTY_OR_SUFFIX = frozenset({""}) | _SUFFIX_MEASURES  # (an empty zone or a bare suffix names nothing)
_COMPOUND_HEADS = ("项目", "工程", "基地", "区", "园", "村", "点", "校", "单位", "企业", "城市", "县", "镇", "街道", "社区", "中心")
_MILESTONES = ("新台阶", "台阶", "大关", "关口", "新高")
_MEASURED_AS = regex.compile(r"\s*以(\p{Han}{1,6}?)计算")
_SUBJECT_COUNT_VERBS = frozenset({"新增", "新建", "新开工", "新引进", "新开"})
# 在城镇安排600万人: a place phrase names no metric (the topic before the comma does)
_LOCATIVE = regex.compile(r"^(?:在|于)\p{Han}{1,6}$")
# 工业总产值要在1954年的基数上增长29%, 比原计划至少节约: the base of the change is not the metric
_BASE_PHRASE = regex.compile(r"(?:要|将|应该?)?(?:在|以)[^，,。；;]{0,12}?(?:基数|基础)上?$|(?:应该|要)?比原(?:计划|定)[^，,]*$")
_LIST_FRAME = regex.compile(r"([^。；;：:\n]{2,60}?)[，,]?(?:如下|是这样分配的|分配如下)[：:]")
_LIST_FRAME_CUE = regex.compile(r"(?:如下|是这样分配的)[：:]")  # in every match of _LIST_FRAME
_ITEM_LEFT = regex.compile(r"^[\s　]*(?:加上)?([^，,。；;：:\d]{1,16}?)的?(?:为|有|是|共有|共为)?[\s　]*$")
_RX_ANY_NUMBER = regex.compile(r"[\d０-９零〇○一二两三四五六七八九十百千万亿点,，.]+(?:亿元|万元|元|亿|万|个|吨|%)?")
_FRAME_HEAD = regex.compile(r"(?:(\p{Han}{1,8})的)?(\p{Han}{0,4}?(?:投资|能力|产量|面积|总额|产值|支出|收入|人数))[\p{Han}]{0,4}$")
_ABSOLUTE_INCREMENT = regex.compile(r"(增加|增长|增产|减少)的绝对(?:数|值|量)[^，,。；;\d]{0,6}$")
_BASE_OF_CHANGE = regex.compile(r"(?:基础|基数|水平)上|为基数")
_FRAMED_TOPIC = regex.compile(r"^(?:以|就|拿)(\p{Han}.{0,14}?)(?:来说|而言|来看)$")
# 建设项目, 改造工程: after a construction verb these heads make a noun, not an object
_GENERIC_HEAD = regex.compile(r"项目|工程|任务|资金|投资|用地|规模|面积|工作|行动|计划")
_PLACE_OR_PREP = regex.compile(r"(?:村|镇|乡|片区|城区|街道|社区|西南侧|东南侧|东北侧|西北侧|[东西南北]侧|一期|二期|三期)$|^(?:对|向|给)\p{Han}{1,6}$|^全(?:国|省|市|区|县)$")
# (1所拥有500个养老床位的区级养老院: a having-clause, figures and all, before the head)
_RELATIVE_RIGHT = regex.compile(r"(?:已经|已|均已)[^，,。；;\d]{1,10}?的(?=\p{Han}{2})|(?:拥有|具有|设有|配有)[^，,。；;的]{1,16}?的(?=\p{Han}{2})")
# 3000余名符合条件的残疾人: the eligibility clause before the people counted
_QUALIFYING_DE = regex.compile(r"(?:(?:符合|具备|满足)(?:条件|要求|标准|政策)|有(?:需求|意愿|条件|需要))的(?=\p{Han}{2})")
_TASK_TAIL = regex.compile(r"(?:任务|目标|指标)+")
_TASK_MORE = regex.compile(r"(?:和|及|与)[^，,。；;、]{1,16}?(?:任务|目标|指标)+")
_ASSIGNED = regex.compile(r"(?:下达|确定|分解)的")
_OWN_TASK = regex.compile(r"(?:[省市县区]定|上级下达|上级)(?:目标|任务|指标)+$")  # 城镇就业市定目标任务
_YEARLY = regex.compile(r"^(?:年度|全年)")
_VERB_DE = regex.compile(r"(\p{Han}{1,3})的(?=\p{Han}{2})")
_BARE_MEASURES = frozenset({"投资", "收入", "产值", "营收", "营业收入", "销售收入", "税收", "销售额"})
_TOTAL_LEFT = regex.compile(r"(?:全部|共计|合计|总共|总计)([^，,。；;\d]{2,20}?)(?:共有|共计|共为|总数为|为|达)?$")
# 经济建设支出决算数, 城市建设投资: a nominal verb before a spending noun is part of the noun
_SPENDING_HEADS = ("支出", "投资", "资金", "费用", "经费", "用地", "贷款", "基金")
# words that begin with 在 and name a state, not a place (在校学生, 在建矿井)
_ZAI_WORDS = ("在校", "在建", "在职", "在园", "在读", "在岗", "在编", "在途", "在线", "在售", "在营", "在册", "在役", "在用", "在库", "在保", "在谈")
_LISTED_MEMBERS = regex.compile(r"([^，,。；;等]{2,80}?)(?:等[^，,。；;]{0,6})?(?=[，,。；;]|$)")
_THAN_PAST_YEAR = regex.compile(r"比((?:19|20)\d{2})年")
_PAREN_SPAN = regex.compile(r"[（(][^（()）]*[)）]")
_TIME_ANCHOR = regex.compile(r"今年|明年|本年|当年|届时")
# 浪费了540万元, 指出了12个: a verb in the perfective right before the figure reports a result
# (also with a short object between: 动用了历年财政结余16.5亿元)
_PERFECTIVE = regex.compile(r"\p{Han}(?<![为除])(?<!提出|确定|规定|制定|通过|批准|决定|要求|下达)了(?!解)[^，,。；;了\d]{0,10}$")
# 如果每件棉纱平均少用两斤棉花，全国每年就可以增产两万件: a conditional, not a commitment
# (如果没有特大的灾荒, barring a disaster, hedges a plan figure rather than supposing one)
_CONDITIONAL_NEEDS = ("如", "若", "假", "只", "即使", "即便", "哪怕")  # one of them is in every match
_CONDITIONAL_NEEDED = re.compile("|".join(map(re.escape, _CONDITIONAL_NEEDS)))  # (one search instead of a find each)
_CONSEQUENT = regex.compile(r"[，,](?:那么|那)?(?:就|便)(?:能够|能|可以|可|会)(?!源|否|力)")
_WILLED = regex.compile(r"要|将|力争|确保|争取|计划|必须|应当|应该")
_CONDITIONAL = regex.compile(r"(?:如果|假如|倘若|假若|假使)(?!没有|不发生|不出现)|只要|如用之于|若能|即使|即便|哪怕")
_YEAR_SPAN = regex.compile(r"((?:19|20)\d{2})\s*[—–\-－~～至到]\s*((?:19|20)\d{2})年")
_CN_ORD = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Patterns used per candidate, compiled once.
# （一）, 3., and the enumerators of a paragraph's points: 一是, 二要, 第三，
_RX0 = regex.compile(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[一二三四五六七八九十]{1,2}(?:是|要)|第[一二三四五六七八九十]{1,2}[，,、])")
_RX0_FIRST = frozenset("（(一二三四五六七八九十第")  # (or a digit: what a match of _RX0 starts with)
_INDICATOR_TAIL = regex.compile(r"(?:数量|电量|装机|规模|覆盖率|覆盖度|比重|比例|占比|总量|总额|产值|增加值|收入|率|度)$")
_PER_UNIT_IN_METRIC = re.compile(r"每(?:人|天|日|生|户|亩|月|周|名|个)")
_MONEY_CHANGE_VERBS = frozenset({"增加", "减少", "减轻", "降低", "压减", "追加", "增拨", "再增加", "再减少"})
_BASE_CHANGE_VERBS = _MONEY_CHANGE_VERBS | {"增长", "提高", "下降"}  # (比上年增加4000亿元: a change against a base)
_SINGLE_CHANGE_END = regex.compile(r"(?:原则上|要|再|将|各|均)?([减增降])$")
_TARGET_FRAME_LEAD = regex.compile(r"[^，,。；;]*?(?:主要)?(?:预期)?目标(?:是|为)[：:]?")
_DISPOSAL_LEAD = regex.compile(
    r"^(?:(?:为了?)?(?:实现|做到|确保|力争|争取)(?:在|到)?(?:[本下]世纪(?:末|中叶))?)?(?:坚决|要|必须|并|还要|再|逐步)?(?:把|将)(?=\p{Han}{2})"
)  # (为了实现在本世纪末把我国人口控制在…: the goal's frame before 把)
_RX1 = regex.compile(r"^[^\p{Han}A-Za-z0-9“（(]+")
_RX2 = regex.compile(r"为?(?:比|同|与|较)(?:上年|去年|上一年|前一年|今年|本年|同期|现有|目前|现在|(?:19|20)\d{2}年|第[一二三四五六七八九十]+个五年计划|上年同期|去年同期|年初|“?(?:十[一二三四五六七八九]?|[六七八九])五”?(?:末|期间|时期))[^，,]*$")
_RX3 = regex.compile(r"(?<!所)占(?!比|有率)(?![^，,]*(?:比重|比例)(?:继续|仍然|仍|将|要|力争|稳定)?$)[^，,]*$")  # X占全市…: cut; X占GDP(的)?比重 names an indicator
_RX4 = regex.compile(r"^第[一二三四五六七八九十\d]+(?:批|期|次|轮|个)")
_GRADE_LEAD = regex.compile(r"(?:\d+(?:千伏|[万亿]?吨级|[万亿]元?级|周?岁(?:及)?(?:以下|以上)|(?:\.\d+)?[万亿]元?(?:及)?以上)|[一二三四五六七八九十百千]+[万亿]元?(?:及)?以上)\p{Han}")  # 20个500千伏输变电工程, 2个500亿级产业集群: a grade opens the noun
_RX5 = regex.compile(r"[\p{Han}A-Za-z“]")
_RX6 = regex.compile(r"(?:任务|工作)$")
_BUILD_TASK = ("建设任务", "建设工作")
_DE_WORKS = regex.compile(r"[^，,。；;：:、的\d]{2,12}?工程(?=[，,。；;：:！？\n]|$)")
_RX7 = regex.compile(r"\s*其中")
_RX8 = regex.compile(r"(?:从|由)(?!教|业|事|于|此)[^，,。；;从由]{0,12}$")  # (从教津贴, 由于: not a baseline)
_RX9 = regex.compile(r"人均|生均|户均|每人|每千人|每万人|每百人|每百户|每万|平均|每亩|亩产|单产")
_PER_HEAD_LEAD = regex.compile(r"(?:十?万|千|百)(?:人|名\p{Han}{1,4})\p{Han}")  # 万人全科医生数: per 10,000 people
_RX10 = regex.compile(r"(?:从|由)[^，,。；;]{0,12}$")
_RX11 = regex.compile(r"(?<!(?:比|较|由|从|同)(?:(?:19|20)\d{2}年|今年|上年|去年|本年|当年)?)预计|高达|预期将")
# where the part that members listed with 、 share begins (城镇、农村居民人均可支配收入)
_SHARED_MEASURE_START = frozenset({"增加值", "排放", "占", "居民", "领域", "行业"})
_RX12 = regex.compile(r"、|和|及")


@functools.lru_cache(maxsize=256)
def _last_fyp(heading: str) -> regex.Match[str] | None:
    """The last plan a heading names (“十三五”时期发展成就和“十四五”时期主要目标任务 sets out the 14th)."""
    last = None
    for last in _FYP.finditer(heading):  # noqa: B007
        pass
    return last


@dataclass
class _Rec:
    q: Quantity
    sent: Sentence
    metric: str | None = None
    action: str | None = None
    hedge: str | None = None
    kind: str = "amount"
    direction: str | None = None
    stance: str = "target"
    horizon: int | str | None = None
    parent_idx: int | None = None
    per_year: bool = False
    metric_inherited: bool = False
    confidence: float = 0.9
    extra: dict[str, object] = field(default_factory=dict)


_PLAN_CUE = regex.compile(
    r"力争|确保|争取|(?<![主重需只必])要(?![素求点])|(?<!即)将|拟|目标|本年内|今年|明年|今后|未来(?:[一二两三四五六七八九十\d]{1,2}|几)年"
    r"|(?<![年度原])计划(?=达到|为|安排|提高|增长|增加|递增|降低|下降|新建|建成|投资)"  # 粮食产量计划达到…: planned
)


# the noun after a quantity ends at punctuation, 等/的, or the next number (not at 世界500强, 新一代, 近零碳)
_NUMERAL_FIRST = frozenset("0123456789零〇一二两三四五六七八九十")
_RIGHT_STOP = regex.compile(
    r"[，,。；;：:！？\n\[]|[（(](?!" + _ALTERNATIVE_BODY + r"[)）])|等|(?<!级|以上|以下|一流)的|[和及与或、]?(?:\d+(?![\d.]*(?:强|[万亿]?[元吨]?级|千伏|周?岁(?:及)?(?:以下|以上)|[万亿]元?(?:及)?以上\p{Han}))"
    r"|(?![零〇一二两三四五六七八九十百千]+(?:[万亿]*元?级|[万亿]+元?(?:及)?以上\p{Han}))(?!(?<=\p{Han})(?<![和及与或])[百千万](?![零〇一二两三四五六七八九十百千万]))[零〇一二两三四五六七八九十百千]+(?=[万亿个家项条所座套张台辆艘处件名人次元吨亩米公%倍斤克升度方段种批户部架列位匹枚千]))|、$"
)


# 40个吸引力强、带动面广的消费场景: descriptions (two or more) before 的, then the counted noun
_DESCRIPTORS_RIGHT = regex.compile(r"[^的，,。；;：:、\d]{3,8}(?:、[^的，,。；;：:、\d]{3,8})+的(?=\p{Han}{2})")
_FROM_TO_VERB = regex.compile(
    r"(?:、[^，,。；;从由到至]{1,8}?|[^，,。；;从由到至\d]{0,6}?)"
    r"(?:(?:提高|增加|提升|下降|降低|减少|调整|调高|调低|扩大|增长|上调|下调|上升|发展|扩展|减为|增为)(?:到|至|为)?|降(?:到|至|为|低到))"
)
_SET_BY_DOCUMENT = regex.compile(
    r"^(?:[^，,。；;]{0,24}?(?:提出|确定|规定|明确)的(?=(?:到|至)?(?:(?:19|20)\d{2}年|[本下]世纪))"  # …确定的到本世纪末…
    r"|[^，,。；;的]{0,8}?所(?:提出|确定|规定)的(?=\p{Han}{4}))"  # 纲要所提出的…灌溉面积
)
_REPORTED_BY = regex.compile(r"^[^，,。；;]*?(?:指出|表示|介绍|透露|宣布)(?!的)[：:，,]?")
_NOT_YET = frozenset({"未", "尚未", "待", "未经"})
_BARE_PREPOSITIONS = frozenset({"对", "对于", "向", "给"})
_AGENT_UNITS = ("家", "户", "名", "人", "位", "人次")
_SHARE_LOCATED = ("来自", "来源于", "在农村", "在城镇", "集中在", "分布在")
# after a share: what it has not reached or what it suffers from now (…和55%没有恢复到…, 24%的企业存在着亏损)
_SHORTFALL_AFTER = regex.compile(
    r"(?:[和、](?:百分之)?[\d０-９一二三四五六七八九十百点.．％%]{1,8})?(?:的\p{Han}{1,12}?)?(?:没有|尚未|仍未|未能|存在着)"
)
_MEASURES_HEAD = regex.compile(r"\p{Han}{0,4}(?:举措|措施)")
# 拥有/具有/占有/没有 … are possession or lack, not "there are"
_HAVE_NOT_EXISTENTIAL = frozenset("拥具占没")
_SIZE_ATTRIBUTES = frozenset({"总额", "规模", "总规模", "总投资", "总量"})
_BASE_COMPARED = regex.compile(r"(不低于|不少于|不高于|不超过|(?<!不)高于|(?<!不)低于)[^，,。；;\d]{2,20}的$")
# 将制造业等行业现行16%的税率降至13%: the rate in force is the present level
_IN_FORCE = ("现行", "现有", "目前的", "现在的")
_GAP_OVER = regex.compile(r"(?:高于|低于|快于|慢于)[^，,。；;\d]{1,10}$")
_RATE_WORDS = ("增速", "增幅", "增长率", "速度", "率", "增长")
_IN_FORCE_NOUN = regex.compile(r"的(\p{Han}{1,6}?)(?=提高|下降|降低|降|调整|调高|调低|上调|下调|增加|减少)")
_LIST_MEASURES = frozenset({"产量", "总产量", "产值", "总产值", "规模", "总量", "总额", "面积", "播种面积", "增加值", "单产"})
_BARE_MEASURE_TAIL = regex.compile("(?:" + "|".join(sorted(_LIST_MEASURES, key=len, reverse=True)) + ")$")
# 一二三产增加值, 第一、二、三产业 written together: 一产增加值, 二产增加值, 三产增加值
_SECTORS = regex.compile(r"(\p{Han}{0,4}?)([一二三]{2,3})(产业|产|次产业)(\p{Han}*)")
# 世界级, 国家级, 省级, 市级重点: a grade; 区域级产业集群: a grade and the noun it qualifies
_GRADE_ONLY = regex.compile(r"\p{Han}{1,4}级(?:重点)?")
_GRADE_HEAD = regex.compile(r"(?:\p{Han}{1,4}?级|[\p{Han}\d.]{1,6}?以上)(\p{Han}{2,})")  # (30亿元以上重大工业项目: a size class)
_CLOSING_HEAD = regex.compile(r"等(落后产能|过剩产能|产能|\p{Han}{0,2}项目|\p{Han}{0,2}设施)(?=[，,。；;]|$)")
_PER_HEAD_ONLY = regex.compile(r"(?:每人|人均|每户|户均|每生)(?:每年|每月|每天)?|每年")
# 在社会零售总额中，: the whole that the shares after it divide
_SHARE_FRAME = regex.compile(r"在([^，,。；;在中]{2,16})中[，,]")
_RX_HAS_DIGIT = regex.compile(r"\d")
_RX_LEAD_PREP = regex.compile(r"^(?:对|在|为)(?:全[省市区县国])?")
# (not 高中, 初中: schools; 集中: a verb)
_RX_AMONG = regex.compile(r"\p{Han}{0,8}?(?:之中|(?<![高初集])中)(?=[，,；;]|$)")
_RX_PREP_LEAD = regex.compile(r"\s*(?:除了|除|按照|依照|根据|对于|关于|相当于)(?![^，,；;]*(?:要|将|力争|确保|争取))")
_RX_COMPARED_TO_YEAR = regex.compile(r"(?:小于|大于|低于|高于|少于|多于)(?:19|20)\d{2}年")
_RX_WORDY = regex.compile(r"[\p{Han}A-Za-z]")
_RX_NUMERAL_LEAD = regex.compile(r"[\d０-９零〇一二两三四五六七八九十百千万亿]{2}|[\d０-９]")
_RX_OBJECT = regex.compile(r"[^，,。；;：:、\d]{2,16}")
_RX_SEMI = regex.compile(r"[；;]")
_RX_HAN = regex.compile(r"\p{Han}")
_RX_PREP = regex.compile(r"(?<=\p{Han}{2})(?:在|于)(?=\p{Han})")
_RX_SHARE_OF = regex.compile(r"(?<!所)占(?!比)[^，,、]{0,12}$")
_RX_COMPARED_LEAD = regex.compile(r"\s*(?:并|将|可|也)?(?:比|较)[^，,；;]{1,16}(?:增长|增加|提高|下降|减少|降低|多|少)")
# 6条续建高铁, 10个在建项目: verbs of a works' state that qualify the noun after them
_ATTRIBUTIVE_VERBS = ("续建", "在建", "拟建", "待建", "已建", "拟竣工", "拟开工", "拟投产")
_TOTAL_ONLY = regex.compile(r"\s*(?:合计|共计|总计|累计|共)\s*")
_INNER_COUNT = regex.compile(r"(?:\d+|[一二三四五六七八九十百]+)(?:件|项|个)(?=\p{Han})")
_INNER_SIZE = regex.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:千瓦|兆瓦|吉瓦|吨|立方米|平方米|公里)(?:及以上|以上)?(?!级)(?=\p{Han})")
_CLASS_COUNT = regex.compile(r"(?:\d+|[一二三四五六七八九十]+)大?类")
_SCOPE_ONLY = frozenset({"各地", "各省", "各市", "各县", "各区", "全国", "全省", "全市", "全区", "全县", "各级"})
_SCOPE_WORDS = tuple(sorted(w for w in _SCOPE_ONLY if w.startswith("全")))  # (覆盖全国: a scope joined to a verb)
_ADVERB_JOINED = frozenset({"全面", "基本", "全部", "如期", "按期", "提前", "率先", "逐步", "全力"})
_INDICATOR_STARTS = (
    "(?:地方财政|地方一般|地区生产|一般公共|全社会|社会消费品|固定资产|规模以上|规上|城镇|农村|居民|进出口|外贸|"
    "地方財政|地區生產|社會消費品|固定資產|規模以上|進出口|城鎮|農村)"
)
_COMPARED_BASE = regex.compile(r"(?:比|较)(?:原定|原计划|计划原定|五年计划原定|上年|去年|过去)")
_WORKS_TAIL = regex.compile(r"(?:建设)?(?:力度|步伐)$|建设$")
# (1956年国家预算用在…的支出，共占…: a year opening the clause is no part of it)
_RX_PREV_CLAUSE = regex.compile(r"(?:^|[，,；;：:])\s*(?:(?:19|20)\d{2}年)?([^，,；;：:\d\x00]{2,30})$")
_DOC_PLAN_WORDS = regex.compile(r"计划|预期|今后|未来|下一步")
_RX_TARGET_WORD = regex.compile(r"目标|预期|主要指标")


class _SentCues:
    """Cue words of one sentence, found once; ``last(kind, rel)`` is the last one ending before ``rel``.

    Looking them up per quantity by rescanning the sentence would make a sentence with many
    numbers quadratic.  Each kind is scanned when first asked for (many sentences never need
    their five-year-plan or year-span cues), and not at all when a character every match of
    the pattern contains (``needs``) is missing from the sentence.
    """

    __slots__ = ("_text", "_patterns", "_needs", "_found")

    def __init__(
        self, text: str, patterns: dict[str, regex.Pattern[str]], needs: dict[str, str] | None = None
    ) -> None:
        self._text = text
        self._patterns = patterns
        self._needs = needs or {}
        self._found: dict[str, tuple[list[int], list[regex.Match[str]]]] = {}

    def _scan(self, kind: str) -> tuple[list[int], list[regex.Match[str]]]:
        text = self._text
        need = self._needs.get(kind)
        if need is not None and (need not in text if len(need) == 1 else not any(map(text.__contains__, need))):
            found = _NO_CUES
        else:
            ms = list(self._patterns[kind].finditer(text))
            # (most scans find nothing: one shared empty result, never changed, spares two lists)
            found = ([m.end() for m in ms], ms) if ms else _NO_CUES
        self._found[kind] = found
        return found

    def first(self, kind: str) -> regex.Match[str] | None:
        found = self._found.get(kind)
        if found is None:
            found = self._scan(kind)
        return found[1][0] if found[1] else None

    def last(self, kind: str, rel: int) -> regex.Match[str] | None:
        found = self._found.get(kind)
        if found is None:
            found = self._scan(kind)
        ends, ms = found
        i = bisect.bisect_right(ends, rel)
        return ms[i - 1] if i else None


@functools.lru_cache(maxsize=8)
def _hedge_scanner(lex: Lexicon) -> Any:
    """``lex.hedge_re`` (an alternation of words) for the stdlib ``re``, which finds it faster: the same matches."""
    return compile_scanner(lex.hedge_re.pattern)


_NO_CUES: tuple[list[int], list[regex.Match[str]]] = ([], [])  # (a scan that found nothing; read only)


# a character that every match of a cue pattern contains (see _SentCues); a string of
# several characters: any one of them
_CUE_NEEDS = {
    "to_year": "年",
    "year_span": "年",
    "bare_year": "年",
    "fyp": "五",
    "than_year": "比",
    "midyear": "半季月",
    "missed": "目",
    "consequent": "就便",
}


def _verbs_by_first(words: list[str]) -> dict[str, tuple[str, ...]]:
    """The words of ``lex.verb_re``'s alternation by first character, in its order (longest first)."""
    by: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):  # (the order of lexicon._alternation)
        by.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in by.items()}


def _verb_candidates(s: str, by_first: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """``[(m.start(), m.end(), m.group(0)) for m in lex.verb_re.finditer(s, overlapped=True)]``.

    An overlapped search of an alternation of words tries every position and takes the
    first word of the alternation found there: the same as looking the position's
    character up and trying its words longest first, without the regex call per phrase.
    """
    out = []
    for i, ch in enumerate(s):
        ws = by_first.get(ch)
        if ws is not None:
            for w in ws:
                if s.startswith(w, i):
                    out.append((i, i + len(w), w))
                    break
    return out


def _lengths(words: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in words if w}))


def _starts_with_word(s: str, words: frozenset[str], lengths: tuple[int, ...]) -> bool:
    """Does ``s`` start with one of ``words``?  (``lengths``: the lengths of the words.)"""
    for n in lengths:
        if s[:n] in words:
            return True
    return False


def _ends_with_word(s: str, words: frozenset[str], lengths: tuple[int, ...]) -> bool:
    for n in lengths:
        if s[-n:] in words:
            return True
    return False


@dataclass(frozen=True)
class _WordTables:
    """The word sets and patterns an extractor derives from its lexicon (the same for every document).

    The ``*_any`` sets and their lengths serve as exact prefilters: a first (or last) word of a
    segmentation is a prefix (suffix) of the string, so when no word of a set starts (ends) the
    string, no segmentation can yield one and the segmenting can be skipped.
    """

    nominal_verbs: frozenset[str]
    lexicon_verbs: frozenset[str]
    action_only: frozenset[str]
    roles: frozenset[str]
    attr_nouns: frozenset[str]
    total_nouns: frozenset[str]
    roles_by_len: list[str]
    prefix_words: frozenset[str]
    prefix_first: frozenset[str]
    suffix_words: frozenset[str]
    suffix_last: frozenset[str]
    change_tail_re: re.Pattern[str]
    adverb_re: regex.Pattern[str]
    prefix_lens: tuple[int, ...]
    suffix_lens: tuple[int, ...]
    lead: frozenset[str]
    lead_lens: tuple[int, ...]
    verbish_any: frozenset[str]  # what _lead_verb's first word may be (besides 新…)
    verbish_lens: tuple[int, ...]
    all_verbs_any: frozenset[str]  # what every word of an _all_verbs phrase is
    all_verbs_lens: tuple[int, ...]
    verbs_by_first: dict[str, tuple[str, ...]] | None  # None: an empty word, use verb_re
    pivot_verbs: frozenset[str]
    pivot_re: regex.Pattern[str] | None  # any pivot verb (a prefilter before segmenting); None: no such verbs
    pivot_adverbs: frozenset[str]
    causative: frozenset[str]  # 组织企业参加…: the object is the subject of the verb after it
    predicate_manner: tuple[str, ...]  # 高效运行 after a counted noun: the predicate, when it ends the phrase


@functools.lru_cache(maxsize=8)
def _word_tables(lex: Lexicon) -> _WordTables:
    nominal = frozenset(lex.verbs.get("nominal_verbs", []))
    lexicon_verbs = frozenset(lex.all_verbs)
    action_only = frozenset(lex.verbs.get("action_only", []))
    roles = frozenset(lex.cues.get("role_nouns", []))
    prefix_words = frozenset(lex.cues["metric_strip_prefix"])
    suffix_words = frozenset(lex.cues["metric_strip_suffix"]) | frozenset(lex.cues.get("adverbs", [])) | frozenset(
        lex.verbs.get("trailing_verbs", [])
    )
    changes = sorted(lex.change_up | lex.change_down, key=len, reverse=True)
    lead = lex.lead_verbs
    verbish_any = lead | action_only | lexicon_verbs
    all_verbs_any = lead | nominal | lexicon_verbs | {"、"}
    pivots = [w for w in lex.verbs.get("pivot_verbs", []) if w]
    return _WordTables(
        nominal_verbs=nominal,
        lexicon_verbs=lexicon_verbs,
        action_only=action_only,
        roles=roles,
        attr_nouns=frozenset(lex.cues.get("attribute_nouns", [])),
        total_nouns=frozenset(lex.cues.get("total_nouns", [])),
        roles_by_len=sorted(roles, key=len, reverse=True),
        prefix_words=prefix_words,
        prefix_first=frozenset(w[0] for w in prefix_words),
        suffix_words=suffix_words,
        suffix_last=frozenset(w[-1] for w in suffix_words),
        change_tail_re=re.compile(r"(?:" + "|".join(map(re.escape, changes)) + r")$"),
        adverb_re=regex.compile(
            r"(?:" + "|".join(sorted(map(regex.escape, lex.cues.get("adverbs", [])), key=len, reverse=True)) + r")+$"
        ),
        prefix_lens=_lengths(prefix_words),
        suffix_lens=_lengths(suffix_words),
        lead=lead,
        lead_lens=_lengths(lead),
        verbish_any=verbish_any,
        verbish_lens=_lengths(verbish_any),
        all_verbs_any=all_verbs_any,
        all_verbs_lens=_lengths(all_verbs_any),
        verbs_by_first=_verbs_by_first(lex.all_verbs) if all(lex.all_verbs) else None,
        pivot_verbs=frozenset(pivots),
        pivot_re=regex.compile(_alternation(pivots)) if pivots else None,
        pivot_adverbs=frozenset(lex.verbs.get("pivot_adverbs", [])),
        causative=frozenset(lex.verbs.get("causative_verbs", [])),
        predicate_manner=tuple(lex.verbs.get("predicate_manner", [])),
    )


class _Extractor:
    def __init__(self, norm: Normalized, lex: Lexicon, year: int | None) -> None:
        self.n = norm
        self.t = norm.text
        self.lex = lex
        self.year = year
        self.tok = fast_tokenizer(lex)  # jieba's words without HMM, computed faster
        self.qual_re = _qual_pattern(lex)
        self.qual_pre = _qual_prefilter(lex)
        self._cue_cache: dict[int, _SentCues] = {}
        # the memo tables, looked up once per document (lex.memo bounds their size at that point)
        self._memo_verbs = lex.memo("verbs")
        self._memo_metric = lex.memo("metric")
        self._memo_all_verbs = lex.memo("all_verbs")
        self._memo_lead_verb = lex.memo("lead_verb")
        self._marks_at = (-1, -1)
        self._marks: list[int] = []
        self._conditional_possible = True
        self._prev_sentence: tuple[int, int] = (0, 0)
        self._frame: dict[int, str] = {}  # sentence start → the set a frame (…N个X中，) named
        self._list_head: str | None = None  # the head a list frame (…如下：) announced
        tb = _word_tables(lex)  # (built once per lexicon, not per document)
        self.nominal_verbs = tb.nominal_verbs
        self._lexicon_verbs = tb.lexicon_verbs
        self._action_only = tb.action_only
        self._roles = tb.roles
        self._attr_nouns = tb.attr_nouns
        self._total_nouns = tb.total_nouns
        self._roles_by_len = tb.roles_by_len
        self.prefix_words = tb.prefix_words
        self.prefix_first = tb.prefix_first
        self.suffix_words = tb.suffix_words
        self.suffix_last = tb.suffix_last
        self.change_tail_re = tb.change_tail_re
        self._adverb_re = tb.adverb_re
        self._tb = tb
        self._cue_patterns = {
            "hedge": _hedge_scanner(lex),
            "achieved": _ACHIEVED_CUE,
            "midyear": _MIDYEAR_CUE,
            "missed": _MISSED_TARGET_CUE,
            "consequent": _CONSEQUENT,
            "willed": _WILLED,
            "plan": _PLAN_CUE,
            "to_year": _TO_YEAR,
            "year_span": _YEAR_SPAN,
            "bare_year": _BARE_YEAR,
            "fyp": _FYP,
            "than_year": _THAN_PAST_YEAR,
        }

    def _clause_marks(self, sent: Sentence) -> list[int]:
        """Where the sentence's clause boundaries (_CLAUSE, one character each) stand, in order.

        The clause around each quantity is found by bisection instead of by scanning the
        sentence up to the quantity again for every quantity.
        """
        if (sent.start, sent.end) != self._marks_at:
            self._marks_at = (sent.start, sent.end)
            self._marks = [m.start() for m in _CLAUSE.finditer(self.t, sent.start, sent.end)]
            # every match of _CONDITIONAL has 如, 若, 假 or 只 (如果, 倘若, 假使, 只要 …)
            text = self.t
            self._conditional_possible = _CONDITIONAL_NEEDED.search(text, sent.start, sent.end) is not None
        return self._marks

    def _clause_before(self, sent: Sentence, cstart: int) -> int:
        """Where the clause ending at the boundary just before ``cstart`` begins (the sentence's start
        when it is the first clause); from the cached clause marks, by bisection."""
        marks = self._clause_marks(sent)
        i = bisect.bisect_left(marks, cstart - 1)
        return marks[i - 1] + 1 if i else sent.start

    def _cues(self, sent: Sentence) -> _SentCues:
        c = self._cue_cache.get(sent.start)
        if c is None:
            c = _SentCues(self.t[sent.start : sent.end], self._cue_patterns, _CUE_NEEDS)
            self._cue_cache[sent.start] = c
        return c

    # ---- token-boundary verb search ---------------------------------------
    def _boundaries(self, s: str) -> set[int]:
        b = {0}
        pos = 0
        for w in self.tok.cut(s, HMM=False):
            pos += len(w)
            b.add(pos)
        return b

    def _verbs_in(self, s: str) -> list[tuple[int, int, str]]:
        """Verbs in ``s`` that start on a word boundary (so 研发投入 and 增加值 hide their verbs)."""
        if not s:
            return []
        cache = self._memo_verbs
        hit = cache.get(s)
        if hit is None:
            hit = cache[s] = self._find_verbs(s)
        return hit

    def _clause_verbs(self, s: str) -> list[tuple[int, int, str]]:
        """The verbs of ``s`` other than nominal ones (基本建设投资总额 has none: 建设 names a kind)."""
        return [v for v in self._verbs_in(s) if v[2] not in self.nominal_verbs]

    def _find_verbs(self, s: str) -> list[tuple[int, int, str]]:
        by_first = self._tb.verbs_by_first
        if by_first is not None:
            cands = _verb_candidates(s, by_first)
        else:
            cands = [(m.start(), m.end(), m.group(0)) for m in self.lex.verb_re.finditer(s, overlapped=True)]
        if not cands:
            return []
        # word boundaries only around the candidates: segmentation is local, and cutting a
        # few characters of context costs far less than cutting the whole clause
        bounds: set[int] = set()
        windows: list[list[int]] = []
        for a, b, _w in cands:
            lo, hi = max(0, a - 6), min(len(s), b + 6)
            if windows and lo <= windows[-1][1] + 6:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            bounds |= {lo + x for x in self._boundaries(s[lo:hi])}
        bounds.add(len(s))
        found = []
        for a, b, w in cands:
            # (全面完成, 如期建成: the segmenter joins an adverb to the verb)
            if a not in bounds and not (a >= 2 and (a - 2) in bounds and s[a - 2 : a] in _ADVERB_JOINED):
                continue
            if b not in bounds and w[-1] not in "在到至达为":
                # the verb runs into a longer word (增加值), unless a quote or the end follows
                # (or a scope the segmenter joined to it: 覆盖全国)
                nxt = s[b : b + 1]
                if nxt and nxt not in "“《" and not s.startswith(_SCOPE_WORDS, b):
                    continue
            if s.startswith("支出", b) and a and w not in _SPENDING_VERBS and _RX_HAN.match(s, a - 1):
                continue  # 国家储备支出, 城市建设支出: a kind of spending, not a verb governing it
            if s[b : b + 1] in ("和", "、", "及") and a and w in self.nominal_verbs and _RX_HAN.match(s, a - 1):
                continue  # 经济建设和文化教育建设的支出: a compound noun coordinated with the next
            found.append((a, b, w))
        # keep the longest verb at each end position
        best: dict[int, tuple[int, int, str]] = {}
        for a, b, w in found:
            if b not in best or a < best[b][0]:
                best[b] = (a, b, w)
        return sorted(best.values())

    # ---- metric clean-up ------------------------------------------------------
    def _clean_metric(self, zone: str) -> str:
        cache = self._memo_metric
        hit = cache.get(zone)
        if hit is None:
            hit = cache[zone] = self._clean_metric_uncached(zone)
        return hit

    def _clean_metric_uncached(self, zone: str) -> str:
        z = zone.strip(" \t\n　、").replace("[...]", "").replace("[…]", "")
        if "等" in z:
            head, tail = z.rsplit("等", 1)
            # 开工A、B等12条: the listed items are examples, the noun (if any) follows 等;
            # 设备购置或租赁等费用 (no list) keeps its wording
            if "、" in head or not tail:
                z = tail
        # (each pattern below runs only when a literal or first character all its matches have
        # is there: a substitution that cannot match leaves z as it is)
        if "（" in z or "(" in z:
            # 地区生产总值（GDP）: an alias or an aside is dropped; 训练室（场）, 示范单位（小区）: a short
            # alternative stays part of the name
            z = _PAREN_ANY.sub(
                lambda pm: pm.group(0)
                if (_PAREN_ALTERNATIVE.fullmatch(pm.group(0)) and not _RX_LATIN_END.search(z, 0, pm.start()))
                or _PAREN_CODE.fullmatch(pm.group(0))  # 细颗粒物（PM2.5）: a pollutant's code names it
                else "",  # (FDI(外商直接投资): an abbreviation spelt out)
                z,
            )
            z = _PAREN_TAIL.sub("", z) if not _PAREN_ALTERNATIVE.search(z) or not z.endswith(("）", ")")) else z
        if z[:1] in _RX0_FIRST or z[:1].isdigit():
            z = _RX0.sub("", z)
        z = _RX1.sub("", z)
        if "目标" in z and (fm := _TARGET_FRAME_LEAD.match(z)) is not None and fm.end() < len(z) - 1:
            z = z[fm.end() :]  # 经济社会发展主要预期目标是地区生产总值增长7%: the frame of the list, inline
        if "的" in z and (pm := _SET_BY_DOCUMENT.match(z)) is not None:
            z = z[pm.end() :]  # 《纲要》提出的2010年人均国内生产总值: the document that set it is no part of it
        if "指" in z or "表" in z or "介" in z or "透" in z or "宣" in z:
            rm = _REPORTED_BY.search(z)
            if rm is not None and len(z) - rm.end() >= 2:
                z = z[rm.end() :]  # 市长在报告中指出今年…投资总额: who said it is no part of what is measured
        dl = _DISPOSAL_LEAD.match(z) if "把" in z[:12] or "将" in z[:5] else None
        if dl is not None:
            z = z[dl.end() :]  # 坚决把文件压减三分之一: the object moved before the verb
        elif "把" in z and (bm := _DISPOSAL_LATE.search(z)) is not None:
            z = bm.group(1)  # …精简会议、坚决把文件压减三分之一: the object after a late 把
        # 建筑安装工程比去年同期…, X占全市…: the comparison base is not part of the metric
        if "比" in z or "同" in z or "与" in z or "较" in z:
            z = _RX2.sub("", z)
        if "基" in z or "比原" in z:
            z = _BASE_PHRASE.sub("", z)
        if ("于" in z or "超过" in z) and (bc := _BASE_COMPARED.search(z)) is not None and bc.start() >= 2:
            z = z[: bc.start()]  # 保障标准不低于当地最低生活保障标准的1.6倍: the base compared with is no part of it
        if "占" in z:
            z = _RX3.sub("", z)
        if z.startswith("第"):
            z = _RX4.sub("", z)
        qm = _QUOTED_TAIL.search(z) if "”" in z else None
        if qm and qm.start() > 0:
            z = qm.group(1)  # 处置批而未供、闲置、低效“三类土地”: the quoted term names the metric
        if " " in z or "\t" in z or "　" in z:
            z = _ROW_NUMBER.sub("", z)  # 43 新装…: a table's row number (before the time words it may hide)
        for _ in range(3):
            before = z
            z = _TIME_LEAD.sub("", z)
            if "使" in z[:10] or "让" in z[:10]:
                z = _CAUSER_LEAD.sub("", z)  # 我们要力争使全国人口增长率…: who makes it happen is no part of it
            if "计" in z or "口径" in z or "年" in z or "目标" in z or "调控" in z or "预期" in z or "少" in z or "每" in z:
                z = _METRIC_TAIL.sub("", z)
            z = self._strip_words(z)
            z = z.strip(" ，,、").lstrip("（）()")
            if z.endswith(("）", ")", "（", "(")) and not _PAREN_ALTERNATIVE_END.search(z):
                z = z.rstrip("（）()")  # (a stray bracket; 示范单位（小区） keeps its alternative)
            if z == before:
                break
        # quotes: keep balanced pairs (“三农”投入), drop a stray one at either end
        if (cq := z.find("”")) > 0 and "“" not in z[:cq] and len(z) - cq > 2:
            z = z[cq + 1 :]  # …+就业服务”职业技能培训: the zone began inside a quoted name; what follows it is named
        if z.count("“") > z.count("”") and (oq := z.rfind("“")) > 0 and len(z) - oq <= 4 and "”" not in z[oq:]:
            z = z[:oq]  # 实施电动汽车充电设施服务能力“三年倍增”行动: the figure opens a quoted name
        if z.startswith("“") and z.count("“") > z.count("”"):
            z = z[1:]
        if z.endswith("”") and z.count("”") > z.count("“"):
            z = z[:-1]
        if z.startswith("“") and z.endswith("”") and z.count("“") == 1:
            z = z[1:-1]

        wm = _FRAMED_TOPIC.match(z) if z[:1] in ("以", "就", "拿") else None
        if wm is not None:
            z = wm.group(1)  # 以钢的产量来说 → 钢的产量
        if z.startswith("在内的"):
            z = z[3:]  # 包括…在内的房屋建筑面积: what the list included is not the metric
        cm = _CREATED_DE.match(z) if "的" in z else None
        if cm is not None and len(z) - cm.end() >= 2:
            z = z[cm.end() :]  # 新增加的通车里程, 增加的铁路总长度: the counted thing, not how it came about
        dm = _DESCRIPTOR_DE.match(z) if "的" in z else None
        if dm is not None and len(z) - dm.end() >= 2:
            z = z[dm.end() :]  # 技术专业、产业鲜明、生态完善的科技专业园区: descriptions before 的, not the name
        if z.startswith("的"):
            if zone.lstrip(" \t\n　、").startswith("的") or len(z) < 3:
                return ""  # 的科技企业: the tail of a phrase cut by an earlier number names nothing alone
            z = z[1:]  # 我国的工业总产值: the possessor was a scope word, stripped
        if not _RX_WORDY.search(z):
            return ""  # digits and punctuation left over from a broken line name nothing
        if z[0] in "每人户" and _PER_HEAD_ONLY.fullmatch(z):
            return ""  # 补助标准提高到每人每年240元: the base of the rate names nothing; the subject does
        return z

    def _strip_words(self, z: str) -> str:
        """Drop leading time words and hedges and trailing adverbs, whole words only (粮食产能 keeps 能)."""
        if not z or (z[0] not in self.prefix_first and z[-1] not in self.suffix_last):
            return z
        tb = self._tb
        if not _starts_with_word(z, tb.prefix_words, tb.prefix_lens) and not _ends_with_word(
            z, tb.suffix_words, tb.suffix_lens
        ):
            return z  # (no word to strip at either end, whatever the segmentation)
        toks = self.tok.lcut(z, HMM=False)
        while toks and toks[0] in self.prefix_words:
            if toks[0] == "在" and "".join(toks).startswith(_ZAI_WORDS):
                break  # (在园幼儿, 在校学生: a state, not a place word)
            toks.pop(0)
        while toks and toks[-1] in self.suffix_words:
            toks.pop()
        return "".join(toks)

    def _right_metric(self, pos: int, end: int, *, work: bool = False, locative: bool = False) -> tuple[str, str | None]:
        """Noun after the quantity (新建4所幼儿园), and a verb that follows it (60个项目入库).

        ``work``: the figure's verb is an activity (完成, 开展 …), whose object may end in a verb
        (完成200个乡镇专职消防队提质强能: the upgrading is what is done).
        """
        seg = self.t[pos:end]
        inner = _INNER_COUNT.match(seg) if seg[:1].isdigit() or seg[:1] in "一二三四五六七八九十" else None
        if inner is not None:
            seg = seg[inner.end() :]  # 办好12类45件民生实事: the classes and the items count the same thing
        elif seg[:1].isdigit() and (size := _INNER_SIZE.match(seg)) is not None:
            seg = seg[size.end() :]  # 3座35万千瓦光热电站: the size of each, then the thing counted
        if not seg or not (_RX5.match(seg) or _GRADE_LEAD.match(seg)) or seg.startswith(_MILESTONES):
            return "", None  # (迈上1000亿斤新台阶: a milestone, not what is measured)
        if seg[0] in _PREDICATE_FIRST or seg.startswith(_CURRENCY_WORDS) or seg.startswith(_AFTER_FIGURE_NOT_NOUN):
            # (定为7.5%左右是必要的: a predicate about the figure; 2200亿元人民币: the currency;
            # 以22%为限: the end of a frame 以…为限)
            return "", None
        rel = _RELATIVE_RIGHT.match(seg) or (_QUALIFYING_DE.match(seg) if seg[:1] in "符具满有" else None)
        if rel is None and "的" in seg[1:4]:
            # 约1亿人居住的棚户区和城中村改造: the counted people are the subject of a clause on what follows
            rel2 = _VERB_DE.match(seg)
            if rel2 is not None and self._all_verbs(rel2.group(1)):
                rel = rel2
        if rel is None and "、" in seg[3:10]:
            rel = _DESCRIPTORS_RIGHT.match(seg)  # 40个吸引力强、带动面广的消费场景
        if rel is not None:
            seg = seg[rel.end() :]  # 17个已经列入计划的城市更新项目: the noun after the relative clause
        # 9个“一件事”全链条治理: a figure inside a quoted name is no next number
        qend = seg.find("”", 1, 16) + 1 if seg[:1] == "“" else 0
        stop = _RIGHT_STOP.search(seg, qend)
        if (
            stop
            and stop.group(0) == "等"
            and "、" in seg[: stop.start()]
            and max(map(len, seg[: stop.start()].split("、"))) <= 2  # (short kinds, not names of things)
            and _RX_HAN.match(seg, stop.end())
            and seg[stop.end()] not in _NUMERAL_FIRST
            and seg[stop.end()] != "级"  # (乡镇、村等级服务站: 等级 is a word)
        ):
            # 为2万名视力、听力、肢体、智力等残疾儿童: kinds listed before 等, the counted noun after it
            seg = seg[stop.end() :]
            stop = _RIGHT_STOP.search(seg)
        if stop:
            if stop.group(0)[:1].isdigit() or stop.group(0)[:1] in "零〇一二两三四五六七八九十百千":
                # 建成2.5万个充电桩、首批32座超充站: what follows the last 、 belongs to the next number
                cut = seg.rfind("、", 0, stop.start())
                seg = seg[: cut if cut > 0 else stop.start()]
            elif stop.group(0) == "等" and seg[stop.end() : stop.end() + 1] in _NUMERAL_FIRST and (
                (cut := max(seg.rfind("、", 0, stop.start()), seg.rfind("和", 0, stop.start()))) > 0
            ):
                seg = seg[:cut]  # 14条高速公路项目和黄百等4个: the names before 等 go with the next number
            elif stop.group(0) == "的" and (works := _DE_WORKS.match(seg, stop.end())) is not None:
                seg = seg[: works.end()]  # 7个以上居民小区的优质饮用水入户工程: the works on the things counted
            else:
                seg = seg[: stop.start()]
        seg = seg[:24]
        if not seg:
            return "", None
        if seg.endswith(("举措", "措施")) and _MEASURES_HEAD.fullmatch(seg):
            return seg, None  # 100项提升举措: the measures, whatever verb they open with
        verbs = self._verbs_in(seg)
        if verbs and verbs[0][0] == 0 and not (seg.startswith(_ATTRIBUTIVE_VERBS) and _RX_HAN.match(seg, verbs[0][1])):
            return "", verbs[0][2]  # 按增长5%安排: a verb, not a noun, follows
        verb = None
        if len(seg) > 3 and self._tb.pivot_re is not None and self._tb.pivot_re.search(seg):
            # 为6000栋老旧高层建筑安装…, 推动4个产业基地提质升级: the counted noun is the
            # subject of a predicate that follows it (before any other verb of the phrase)
            pos_w = 0
            for w in self.tok.lcut(seg, HMM=False):
                if (
                    pos_w >= 1
                    and seg[:pos_w] not in _MODAL_PREFIX  # (拟竣工投产项目: projects due to be completed)
                    and seg[:pos_w] not in _NOT_YET
                    and w in self._tb.pivot_verbs
                    and not seg.startswith(_COMPOUND_HEADS, pos_w + len(w))
                    # 农村公路提档升级改造: the works (not after an adverb: 铁路项目加快建设)
                    and (seg[pos_w + len(w) :] not in self.nominal_verbs or w in self._tb.pivot_adverbs)
                ):
                    verb = w
                    seg = seg[:pos_w]
                    break
                pos_w += len(w)
        if verb is None and len(seg) > 4 and self._tb.predicate_manner:
            # 6个省级区域医疗中心高效运行: a manner adverb and the verb that ends the phrase
            for adv in self._tb.predicate_manner:
                at = seg.rfind(adv, 2)
                tail = seg[at + len(adv) :] if at > 0 else "-"
                if (len(tail) == 2 and (tail in self._tb.verbish_any or tail in self.nominal_verbs)) or (
                    not tail and len(adv) >= 4  # (高质量发展: the whole predicate is listed)
                ):
                    verb = tail or adv
                    seg = seg[:at]
                    break
        for a, b, w in verbs:
            if verb is not None and a >= len(seg):
                break
            if (
                a > 0
                and (w not in self.nominal_verbs or (locative and a >= 2))
                and not seg.startswith(("工程", "项目", "设施"), b)
                and seg[:a] not in _NOT_YET  # (114条未移交道路: 未 makes the verb a description of the noun)
                and not (seg[:a] in _MODAL_PREFIX and seg.endswith(("项目", "工程")))
            ):
                # (学校新改扩建工程: a verb before 工程 is part of the name of the works;
                # 拟竣工投产项目: after a modal the verb qualifies the projects)
                verb = w
                seg = seg[: a - 1 if seg[a - 1] == "新" and a > 1 else a]  # 学校新改扩建: 新 goes with the verb
                break
        if (
            verb is None
            and not work
            and len(seg) > 3
            and ("”" in seg or _ends_with_word(seg, self._tb.lead, self._tb.lead_lens))
        ):
            # 100家优质企业落地, 10亿元“真金白银”帮助企业…: a verb outside the lexicon ends the noun too;
            pos_w = 0
            for w in self.tok.lcut(seg, HMM=False):
                if (
                    pos_w >= 2
                    and w in self.lex.lead_verbs
                    and w not in self.nominal_verbs
                    and (pos_w + len(w) == len(seg) or seg[pos_w - 1] == "”")
                    and not seg.startswith(_COMPOUND_HEADS, pos_w + len(w))  # “好房子”示范项目: a compound
                ):
                    # only at the end of the phrase or right after a quoted term: inside a compound
                    # (概念验证中心, 立体停车设施) a verb is part of the name
                    verb = w
                    seg = seg[:pos_w]
                    break
                pos_w += len(w)
        # 12个近零碳排放区试点建设, 1760亩“早改水”项目验收: the work on the thing is not the thing counted
        if seg.endswith(_BUILD_TASK) and len(seg) > 6:
            seg = seg[:-2]  # (2.9万所乡镇卫生院建设任务: the task of building them)
        if seg.endswith("建设") and len(seg) > 4:
            seg = seg[:-2]
        seg = seg.strip(" ")
        if seg.count("“") != seg.count("”"):
            seg = seg.strip("“”")
        seg = self._noun_head(_RX6.sub("", seg))
        return seg, verb

    def _verb_final(self, metric: str, left: str) -> str | None:
        """The verb that ends ``metric`` right before the number (重点建设, 高质量建好), or None."""
        if not metric or not left.rstrip().endswith(metric[-1]):
            return None
        toks = self.tok.lcut(metric, HMM=False)
        w = toks[-1]
        if len(toks) >= 2 and (w in self.lex.lead_verbs or w in self._lexicon_verbs):
            return w
        return None

    def _all_verbs(self, metric: str) -> bool:
        """Is the phrase made of verbs only (打通, 转型升级, 活化利用)?"""
        cache = self._memo_all_verbs
        hit = cache.get(metric)
        if hit is None:
            hit = False
            if metric in self.lex.lead_verbs or (
                metric[:1] == "新" and (metric[1:] in self.lex.lead_verbs or metric[1:] in self._action_only)
            ):
                hit = True  # (新开通12个传统边贸点: 新 and a verb)
            elif (
                2 <= len(metric) <= 8
                and self.lex.lead_verbs
                and _starts_with_word(metric, self._tb.all_verbs_any, self._tb.all_verbs_lens)
                and _ends_with_word(metric, self._tb.all_verbs_any, self._tb.all_verbs_lens)
            ):
                toks = self.tok.lcut(metric, HMM=False)
                known = self.lex.lead_verbs
                hit = len(toks) <= 4 and all(
                    w in known or w in self.nominal_verbs or w in self._lexicon_verbs or w == "、" for w in toks
                ) and any(w in known or w in self._action_only for w in toks)
            cache[metric] = hit
        return bool(hit)

    def _verb_headed(self, phrase: str) -> bool:
        """Does a verb (of the lead or action lexicons) stand first in the phrase (加快发展, 拓展…产业)?"""
        if not _starts_with_word(phrase, self._tb.verbish_any, self._tb.verbish_lens):
            return False  # (a prefilter: no word of the set starts the phrase, whatever the segmentation)
        toks = self.tok.lcut(phrase, HMM=False)
        return bool(toks) and toks[0] in self._tb.verbish_any

    def _lead_verb(self, metric: str) -> tuple[str, str] | None:
        cache = self._memo_lead_verb
        if metric in cache:
            hit: tuple[str, str] | None = cache[metric]
            return hit
        hit = None
        lead = self.lex.lead_verbs
        if (
            len(metric) >= 4
            and lead
            and (metric[0] == "新" or _starts_with_word(metric, self._tb.verbish_any, self._tb.verbish_lens))
        ):
            # (the first word must be verbish, or 新 before a verb: otherwise no verb heads the phrase)
            toks = self.tok.lcut(metric, HMM=False)
            acts = self._action_only
            for k in (4, 3):
                # 优化调整公交线路: a verb of the lexicon cut into two words by the segmenter
                if metric[:k] in lead and len(toks) > 1 and len(toks[0]) < k:
                    bounds = set(itertools.accumulate(len(w) for w in toks))
                    if k in bounds:
                        rest_toks = self.tok.lcut(metric[k:], HMM=False)
                        toks = [metric[:k], *rest_toks]
                        break
            if toks and toks[0] == "新" and len(toks) > 2 and (toks[1] in lead or toks[1] in acts):
                toks = [toks[0] + toks[1], *toks[2:]]  # 新招聘教师
            n = 0

            def verbish(w: str) -> bool:
                return w in lead or w in acts or w in self._lexicon_verbs or (w[:1] == "新" and (w[1:] in lead or w[1:] in acts))

            de = metric.find("的")
            # (verbs joined by 、 or a conjunction: 取消和下放行政审批事项)
            while n < len(toks) - 1 and n < 4 and (verbish(toks[n]) or (n and toks[n] in _VERB_JOINERS and verbish(toks[n + 1]))):
                if n and toks[n] not in _VERB_JOINERS and toks[n] not in self._lexicon_verbs and toks[n] not in acts and toks[n - 1] not in _VERB_JOINERS:
                    break  # 完善远足郊野径: a second verb outside the lexicon is more likely the object's first word
                if (
                    de > 0
                    and toks[n] not in _VERB_JOINERS
                    and toks[n] not in self._lexicon_verbs  # (安排X的经费, 还有X的单位: the lexicon's verbs govern)
                    and not toks[n].endswith("有")
                    and not verbish(toks[n + 1])
                    and toks[n + 1] not in ("已", "已经", "正在", "的")
                    and "的" not in toks[n + 1]
                    and sum(len(w) for w in toks[: n + 1]) < de
                ):
                    break  # 取得职业资格证书的劳动者, 参加职业伤害保障的劳动者: the verb of a relative clause
                n += 1
            if n and not any(w in lead or (w[:1] == "新" and w[1:] in lead) for w in toks[:n]) and not (
                all(w in acts or (w[:1] == "新" and w[1:] in acts) or w in _VERB_JOINERS for w in toks[:n])
            ):
                n = 0  # only lexicon verbs that also name things (投资, 服务): not a head verb
            if n:
                verb = "".join(toks[:n])
                rest = metric[len(verb) :]
                if (
                    len(rest) >= 2
                    and rest[0] not in _NOT_AFTER_LEAD_VERB
                    and not _MEASURE_HEAD.match(rest)
                    and not (_GENERIC_HEAD.fullmatch(rest) and not any(w in lead for w in toks[:n]))
                    and not self._verbs_in(rest[:2])
                ):
                    hit = (verb, rest)
        if hit is None and len(metric) >= 6 and (am := _ADJECTIVE_LEAD.match(metric)) is not None:
            hit = self._lead_verb(metric[am.end() :])  # 抢救性康复救助残疾儿童: an adjective before the verb
        cache[metric] = hit
        return hit

    @staticmethod
    def _noun_head(seg: str) -> str:
        """Cut a noun phrase at a preposition (农业转移人口在城镇落户 → 农业转移人口)."""
        m = _RX_PREP.search(seg)
        return seg[: m.start()] if m else seg

    # ---- main loop -----------------------------------------------------------
    def run(self, sentences: list[Sentence]) -> list[_Rec]:
        quants = find_quantities(self.t, self.lex)
        recs: list[_Rec] = []
        qi = 0
        prev_sent_start = 0
        for sent in sentences:
            in_sent: list[Quantity] = []
            while qi < len(quants) and quants[qi].start < sent.end:
                if quants[qi].start >= sent.start:
                    in_sent.append(quants[qi])
                qi += 1
            if sent.duplicate or sent.glossary:
                continue
            self._prev_sentence = (prev_sent_start, sent.start)
            prev_sent_start = sent.start
            sent_recs: list[_Rec] = []
            prev_end = sent.start
            for q in in_sent:
                if q.start < prev_end:
                    continue
                r = self._record(q, sent, prev_end, sent_recs)
                prev_end = q.end
                if r is not None and q.special == "double" and not r.metric and (not self.t[sent.start : q.start].strip() or self.t[q.start - 1] in _NAMED_GOAL_BEFORE):
                    # 翻两番，决不仅仅是一个量的概念 / 并就翻两番必须…: the goal named, not set
                    r = None
                if r is not None:
                    sent_recs.append(r)
                    consumed = r.extra.get("consumed_end", q.end)
                    prev_end = max(prev_end, consumed if isinstance(consumed, int) else q.end)
            if not sent_recs:
                # (the other passes below do nothing without records; a list frame may still open)
                self._list_heads(sent, sent_recs)
                qual = self._qualitative(sent, sent_recs)
                if qual:
                    qual.sort(key=lambda r: (r.q.start, r.q.end))
                    recs.extend(qual)
                continue
            self._share_list_metrics(sent_recs)
            self._list_heads(sent, sent_recs)
            self._sector_heads(sent_recs)
            self._shared_heads(sent_recs)
            self._attribute_nouns(sent_recs)
            if len(sent_recs) > 1:
                # (each of these reads a list of two or more figures; the words each needs first)
                stext = self.t[sent.start : sent.end]
                if "分别" in stext:
                    self._distribute_respectively(sent_recs)
                self._bare_measures(sent_recs)
                if "级" in stext:
                    self._grade_lists(sent_recs)
                if "等" in stext:
                    self._closing_heads(sent_recs)
            if any(r.action == "占" for r in sent_recs):
                self._share_frames(sent_recs)
            self._list_comparators(sent_recs)
            self._prefix_comparator_lists(sent_recs)
            sent_recs.extend(self._qualitative(sent, sent_recs))
            sent_recs.sort(key=lambda r: (r.q.start, r.q.end))
            recs.extend(sent_recs)
        return recs

    def _record(self, q: Quantity, sent: Sentence, prev_end: int, sent_recs: list[_Rec]) -> _Rec | None:
        t = self.t
        # clause: back to the last comma-family boundary, but never before the previous quantity
        marks = self._clause_marks(sent)
        i_mark = bisect.bisect_left(marks, q.start)
        cstart = marks[i_mark - 1] + 1 if i_mark else sent.start
        lstart = max(cstart, prev_end)
        left = t[lstart : q.start]
        if t.startswith(("的部分", "部分"), q.end) and t.startswith("对", cstart):
            return None  # 对年应纳税所得额不到100万元的部分，…: a bracket the rule applies to, not a figure to reach
        # a thousands comma right before is not a boundary worth worrying about
        i_mark = bisect.bisect_left(marks, q.end, i_mark)
        cend = marks[i_mark] if i_mark < len(marks) else sent.end
        r = _Rec(q=q, sent=sent)
        r.extra["left"] = left

        if q.special == "double":
            r.kind, r.direction, r.action = "change", "up", t[q.start : q.end]
        verbs = [
            v
            for v in self._verbs_in(left)
            if not left.startswith("的", v[1])
            # (新开工项目98个，续建项目539个: a category of projects, not the governing verb)
            and not (v[2] in _ATTRIBUTIVE_VERBS and left.rstrip().endswith(("项目", "工程")) and len(left.rstrip()) - v[1] <= 4)
        ]
        if verbs and ("（" in left or "(" in left):
            # 普通中学（包括高中和初中）新招生…: a verb inside a parenthesis governs nothing outside it
            inside = [(pm.start(), pm.end()) for pm in _PAREN_SPAN.finditer(left)]
            verbs = [v for v in verbs if not any(a <= v[0] < b for a, b in inside)]
        # a verb right after a noun that forms a compound noun (住房改造2000万套) stays in the metric
        if verbs and verbs[-1][1] == len(left.rstrip()) and verbs[-1][2] in self.nominal_verbs:
            a0 = verbs[-1][0]
            if a0 > 0 and left[a0 - 1] not in "在到至为达和与及、" and self._clean_metric(left[:a0]):
                verbs = verbs[:-1]
        # 美丽河湖建成率达到60%: a verb before a bare measure suffix is part of the indicator's name
        while (
            verbs
            and left[verbs[-1][1] : verbs[-1][1] + 1] in _SUFFIX_FIRST  # (every word of _SUFFIX_MEASURES starts so)
            and verbs[-1][0] > 0
            and (_RX_HAN.match(left, verbs[-1][0] - 1) or left[verbs[-1][0] - 1] == "”")  # (“标准地”出让比例)
            and self._clean_metric(left[verbs[-1][1] :]) in _SUFFIX_MEASURES
        ):
            verbs = verbs[:-1]
        # 限额以上建设单位964个 / 技术改造项目: a nominal verb between a modifier and a short head
        # noun is part of the noun, not the governing verb
        while verbs and verbs[-1][2] in self.nominal_verbs:
            a0, b0, _w0 = verbs[-1]
            head_noun = self._clean_metric(left[b0:])
            if (
                a0 > 0
                and (
                    0 < len(head_noun) <= 3
                    or head_noun.startswith(_SPENDING_HEADS)
                    # 开工筹集城中村改造安置住房1500套: after a governing verb that takes no pivot, a
                    # nominal verb between two nouns is part of the object's name
                    or (
                        len(verbs) >= 2
                        and verbs[-2][2] not in self._tb.causative
                        and a0 - verbs[-2][1] >= 2
                        and not self._verbs_in(left[verbs[-2][1] : a0])
                    )
                )
                and _RX_HAN.match(left, a0 - 1)
                and left[a0 - 1] not in "在到至为达和与及、"
            ):
                verbs = verbs[:-1]
            else:
                break
        # 国家用于普及教育的经费, 中央财政用于“三农”的支出: 用于 inside a relative clause names the money
        while verbs and verbs[-1][2] in _RELATIVE_VERBS and _DE_HEAD_END.search(left, verbs[-1][1]):
            verbs = verbs[:-1]
        if len(verbs) >= 2 and verbs[0][0] == len(left) - len(left.lstrip(" \t\n　")) and verbs[-1][1] >= len(left.rstrip()) - 1:
            de = left.find("的", verbs[0][1], verbs[-1][0])
            if de > verbs[0][1] + 1 and not _RX_CLAUSE_BREAK.search(left, verbs[0][1], verbs[-1][0]) and all(
                v[0] > de for v in verbs[1:]
            ):
                # 达到服务能力标准的乡镇卫生院占比提高到90%: the first verb is in a relative clause of the subject
                verbs = verbs[1:]
        verb = verbs[-1] if verbs else None
        # a verb inside the comparator prefix (突破6000家): the comparator word is the action too
        pre_word = t[q.start : q.num_start]
        if pre_word in ("突破", "超过") and r.action is None:
            r.action = pre_word
        # (a literal every match of a pattern contains is looked for first, below: an `in` test
        # costs a fraction of a regex call; tests/test_fast_paths.py checks each such condition)
        is_qizhong = "其中" in left and bool(_RX7.match(left))
        zone = left
        verb_adjacent = False
        if verb is not None:
            a, b, w = verb
            between = left[b:]
            # 举办文体活动超过100场, 年均增长超过7%: the verb before the comparator word is the action
            r.action = w if pre_word in ("突破", "超过") else (r.action or w)
            if self._clean_metric(between) and not (between.rstrip().endswith("的") and self._clean_metric(left[:a])):
                zone = between
            else:
                verb_adjacent = True
                # metric before the verb, after any earlier verb
                zstart = 0
                for a2, b2, w2 in verbs[:-1]:
                    if w2 in _RELATIVE_VERBS and "的" in left[b2:a]:
                        continue  # (用于“三农”的支出达到: inside the subject)
                    if (
                        w2 in self.nominal_verbs
                        and a2 > 0
                        and _RX_HAN.match(left, a2 - 1)
                        and (left.startswith(_SPENDING_HEADS, b2) or _MEASURE_HEAD.match(left, b2 + left.startswith("总", b2)))
                    ):
                        continue  # 经济建设支出, 煤矿建设总规模: inside a compound noun
                    if b2 <= a and _MEASURE_HEAD.fullmatch(self._clean_metric(left[b2:a])):
                        continue  # 竣工面积达到3000万平方米: a verb before a bare measure names the indicator
                    if (
                        a2 > 0
                        and _is_level_verb(w)
                        and _RATIO_TAIL.search(left, b2, a)
                        and "的" not in left[b2:a]
                        and self._clean_metric(left[:a2])
                    ):
                        continue  # 规模化供水工程覆盖农村人口比例达53%: a ratio's name holds its verb
                    if b2 <= a and self._clean_metric(left[b2:a]) not in _EMPTY_OR_SUFFIX:
                        zstart = b2
                        # 新增发电装机达到300万千瓦: a count verb heading the subject of a level verb
                        # (达到, 为, 保持在) names the thing counted, 城镇新增就业-style
                        if (
                            w2 in _SUBJECT_COUNT_VERBS
                            and _is_level_verb(w)
                            # (国家财政新增义务教育经费累计将达…: a funder before the count verb)
                            and (not (before := self._clean_metric(left[:a2])) or before in _FUNDERS)
                        ):
                            zstart = a2
                            r.extra["count_subject"] = True
                zone = left[zstart:a]
                if zone.endswith("新") and len(zone) > 3 and w not in _SUBJECT_COUNT_VERBS:
                    zone = zone[:-1]  # 保障性安居工程新安排740万套: 新 goes with the verb
        elif not self._clean_metric(zone):
            verb_adjacent = True
        # A share: 一般预算收入占全市32.46% (占全市 is the relation, the subject the metric; the
        # cut itself is in _clean_metric) and 新增新开规模工业企业数占全市1/5 (the whole
        # subject, verbs and all). 占GDP比重 instead names an indicator and stays whole.
        om = _RX_SHARE_OF.search(left) if "占" in left else None
        if om is not None and not om.group(0).endswith(("比重", "比例")):
            subject = left[: om.start()]
            if om.start() > 0 and self._verbs_in(subject) and self._clean_metric(subject):
                zone = subject
                r.action = om.group(0)
                verb_adjacent = True
            elif r.action is None:
                r.action = om.group(0)
        # 对全市项目招引、重大项目开工、重大项目竣工贡献度分别达25%…: before 分别 stands the
        # whole (coordinated) subject, whatever verbs its members contain
        fb = left.rfind("分别")
        if fb > 0 and not _RX_HAS_DIGIT.search(left, 0, fb):
            subject = _RX_LEAD_PREP.sub("", left[:fb])
            if "、" in subject and self._clean_metric(subject):
                zone = subject
                after = self._verbs_in(left[fb + 2 :])
                r.action = after[0][2] if after else None
                verb_adjacent = True
                r.extra["respectively"] = True  # (the members are named apart, verbs and all: _distribute_respectively)
        # 全员劳动生产率从人均8.7万元提高到12万元: the metric is before 从/由
        if ("均" in zone or "每" in zone or "亩产" in zone or "单产" in zone) and _RX9.search(zone):
            r.extra["per_capita"] = True
        fm = _RX8.search(zone) if "从" in zone or "由" in zone else None
        if fm:
            zone = zone[: fm.start()]
        metric = self._clean_metric(zone)
        if metric[:1] in "十万千百" and _PER_HEAD_LEAD.match(metric):
            r.extra["per_capita"] = True
        if metric.endswith(("计划", "预算")) and len(metric) > 4 and not _PLAN_NAME.search(metric) and metric[-4:-2] not in _BUDGET_KINDS:
            # 固定资产投资总额计划为3600亿元, 粮食产量计划达到…: 计划 before the verb means "is planned to"
            mpos = t.rfind(metric, lstart, q.start)
            if mpos >= 0 and _PLANNED_VERB.match(t, mpos + len(metric)):
                metric = metric[:-2]
        # a change verb at the end of the metric (国内生产总值增长目标是…, 经济年均增长保持在…)
        pm = self.change_tail_re.search(metric) if metric else None
        if pm and pm.start() > 0 and metric[: pm.start()] == "经济" and pm.group(0) == "增长":
            pm = None  # 经济增长预期为7%左右: 经济增长 is the indicator's name (the reference gold's wording)
            if r.action in ("增长", "预期"):
                r.action = None
        if (
            pm
            and pm.group(0) == "提升"
            and (
                (verb is not None and verb[2] in _ACTIVITY_VERBS)
                or (  # (…、森林抚育提升200万亩: the activity of the list item before)
                    verb is None
                    and sent_recs
                    and sent_recs[-1].action in _ACTIVITY_VERBS
                    and t.startswith("、", sent_recs[-1].q.end)
                )
            )
            and q.unit not in ("%", "‰")
            and not (q.unit or "").endswith(("倍", "百分点"))
        ):
            pm = None  # 完成林分优化提升200万亩: the upgrading is the work done, an amount of it
        if pm and pm.group(0) in ("增速", "增幅", "增长速度") and verb is not None and _is_level_verb(verb[2]):
            pm = None  # 固定资产投资增速保持在10%: a rate's name (涨幅控制在3% stays the price's rise)
        if pm and pm.start() > 0:
            word = pm.group(0)
            metric = self._clean_metric(metric[: pm.start()])
            if metric.endswith("计划") and len(metric) > 4:
                metric = metric[:-2]  # 能源生产计划增长0.9%: the planned growth of 能源生产
            if r.action is None or r.action in ("保持", "保持在", "实现", "达到", "控制在") or (verb is not None and verb[2] != word):
                r.action = word
            verb_adjacent = True
        if verb is None and metric and metric[-1] in "减增降" and left.rstrip().endswith(metric[-1]):
            # 人员编制原则上减一半: a one-character change verb right before the number
            sm = _SINGLE_CHANGE_END.search(metric)
            if sm is not None and sm.start() >= 2:
                r.action = sm.group(1)
                metric = metric[: sm.start()]
                verb_adjacent = True
        if metric == "幅度" and verb is not None and (verb[2] in self.lex.change_up or verb[2] in self.lex.change_down):
            # 工作人员总数减少幅度在25%左右: the size of the change of the subject
            subject = self._clean_metric(left[: verb[0]])
            if subject:
                metric = subject
                r.extra["increment"] = True
        am2 = _ABSOLUTE_INCREMENT.search(left) if "绝对" in left else None
        if am2 is not None:
            # 粮食增加的绝对数将达到3000亿斤, 增长的绝对数却是692万吨: the increment of the subject
            metric = self._clean_metric(left[: am2.start()])
            r.action = am2.group(1)
            r.extra["increment"] = True
            verb_adjacent = True
        if metric and _LOCATIVE.match(metric) and not metric.startswith(_ZAI_WORDS):
            metric = ""  # (在校学生, 在建矿井 are words)
        if (
            metric
            and self._all_verbs(metric)
            and not left.rstrip().endswith("的")
            # (开展就业帮扶1万人: the object of an activity verb is a noun made of verbs)
            and not (verb is not None and verb[2] in _ACTIVITY_VERBS and not verb_adjacent and len(metric) >= 4)
        ):
            # 打通8条断头路, 释放75公顷土地: the words before the number are only a verb
            if r.action is None:
                r.action = metric
            metric = ""
            verb_adjacent = True
        elif metric and left.rstrip().endswith("的") and self._all_verbs(metric.removesuffix("的")) and not sent_recs:
            # 五年内施工的大中型建设项目，计划…全部建成的四百个: a headless relative clause (only
            # verbs before 的) counts members of the set named before it, not a thing of its own
            if r.action is None:
                r.action = metric.removesuffix("的")
            metric = ""
        if (
            metric
            and not r.extra.get("count_subject")
            and not (r.extra.get("respectively") and "、" in metric)
            and not metric.startswith(_ATTRIBUTIVE_VERBS)  # (续建项目539个: the works' state, not a verb)
        ):
            lead = self._lead_verb(metric)
            if lead is None and metric[0] in _VERB_JOINERS and verb is not None and not verb_adjacent:
                # 取消或停征中央涉企行政事业性收费35项: a second verb joined to the first
                lead2 = self._lead_verb(metric[1:])
                if lead2 is not None and r.action == verb[2]:
                    r.action = verb[2] + metric[0] + lead2[0]
                    metric = lead2[1]
                    verb_adjacent = True
            if (
                lead is not None
                and verb is not None
                and verb_adjacent
                and (verb[2] in self.lex.change_up or verb[2] in self.lex.change_down or _is_level_verb(verb[2]))
                and _INDICATOR_TAIL.search(lead[1])
                and not lead[0].endswith(("自", "于"))  # (来自城镇…, 用于…: a relation, not a qualifier)
            ):
                # 转化科技成果数量增长15%, 充电电量增长25%: an indicator's name before a change or
                # level verb keeps its first word (转化, 充电 qualify the measure)
                lead = None
            if lead is not None:
                # 整备土地50万平方米, 评聘“凤凰英才岗”人才100名: a verb heading the phrase governs
                # the noun after it
                metric = lead[1]
                if r.action is None:
                    r.action = lead[0]
                verb_adjacent = True
        after = self._verbs_in(t[q.end : q.end + 6]) if verb is not None and q.unit in ("%", "‰") else []
        if not after and verb is not None and verb[2] in _SUBJECT_COUNT_VERBS and q.unit in ("%", "‰"):
            # (新建民用建筑100%执行绿色建筑标准: a verb outside the lexicon opens the predicate too)
            w2 = next((t[q.end : q.end + n] for n in self._tb.lead_lens if t[q.end : q.end + n] in self._tb.lead), "")
            after = [(0, len(w2), w2)] if w2 else []
        if after and after[0][0] == 0 and verb is not None and verb[2] in _SUBJECT_COUNT_VERBS and not self._clean_metric(left[: verb[0]]):
            # 新建民用建筑100%达到建筑节能标准: a share of the newly built, the verb comes after
            whole_subject = self._clean_metric(left)
            if whole_subject:
                metric = whole_subject
                r.action = after[0][2]
        if verb is not None and metric in _BARE_MEASURES and verb[2] in ("完成", "实现", "累计完成"):
            # 国际生物谷完成投资62亿元: whose investment is named before the verb
            subject = self._clean_metric(left[: verb[0]])
            if subject and len(subject) <= 12 and not self._verbs_in(subject) and subject not in _TIME_SUBJECT:
                metric = subject + metric  # (年度完成投资1.1万亿元: a time word is no owner)
        right_verb = None
        # 80%以上的大城市, 新建4所幼儿园: the noun after the quantity
        right_noun = ""
        members = None
        if q.special is None and t.startswith("的有", q.end):
            # 产量将增长50%以上的有生铁、钢、…、糖等十七种: the members listed are what grows
            members = _LISTED_MEMBERS.match(t, q.end + 2, cend)
        if members is not None:
            metric = self._clean_metric(members.group(1)) or metric
        elif q.special is None:
            rn_pos = q.end
            if t.startswith("的", rn_pos):
                rn_pos += 1
            right_noun, right_verb = self._right_metric(
                rn_pos,
                cend,
                work=verb is not None and verb[2] in _ACTIVITY_VERBS,
                # 在8个重点县建设…基地: the places counted, then what is done there
                locative=verb is None and t[cstart : q.start].lstrip(" \t\n　").startswith("在") and not left.rstrip().endswith("的"),
            )
            if right_noun:
                modal = right_noun.startswith("拟") and len(right_noun) > 3
                right_noun = self._clean_metric(right_noun)
                if modal and right_noun and not right_noun.startswith("拟"):
                    right_noun = "拟" + right_noun  # 拟竣工投产项目: after the number 拟 qualifies the noun, no hedge
            if not right_noun and right_verb in _PURPOSE_VERBS and (q.unit or "").endswith("元"):
                # 全年投入1.63亿元实施民生微实事项目: the money's purpose names the metric
                vpos2 = t.find(right_verb, rn_pos, cend)
                if vpos2 >= 0:
                    purpose2, _v2 = self._right_metric(vpos2 + len(right_verb), cend)
                    right_noun = self._clean_metric(purpose2) if purpose2 else ""
            if right_noun and right_verb is None and t[q.start - 1 : q.start] in ("将", "把") and len(right_noun) > 3:
                # 将2.8万亿元中央财政资金纳入直达机制: after 将/把 the object comes first, its verb after it
                pos_v = 0
                for w in self.tok.lcut(right_noun, HMM=False):
                    if pos_v >= 2 and (w in self.lex.lead_verbs or w in self._lexicon_verbs) and w not in self.nominal_verbs:
                        right_verb = right_noun[pos_v:]
                        right_noun = right_noun[:pos_v]
                        break
                    pos_v += len(w)
        act = r.action or ""
        object_verb = (
            verb_adjacent
            and bool(act)
            and act not in self.lex.change_up
            and act not in self.lex.change_down
            and act[-1] not in "在到至为达"
            and not act.startswith("达")
        )
        # 中央财政安排1000亿元专项奖补资金: after a verb that takes an object, the noun after the
        # amount is what is measured; the words before the verb are the agent
        # 完成贡镇村1760亩“早改水”项目, 对全区286座垃圾转运站: a place or a prepositional phrase
        # before the number says where, the noun after it what is counted
        where = bool(metric) and bool(_PLACE_OR_PREP.search(metric)) and (q.unit not in ("%", "‰") or t.startswith("的", q.end))
        # 南山口、哇让、同德、德令哈4个抽水蓄能电站, 高层建筑消防等9个“一件事”: names listed before their count;
        # the noun after it is counted
        listed_names = (
            ("、" in metric or left.rstrip().endswith("等")) and q.unit not in ("%", "‰")
        )
        if metric and right_noun and _CLASS_COUNT.fullmatch(metric):
            metric = ""  # 十大类46项民生实事工程: the count of classes names nothing itself
        # 完成规划支持的2.9万所乡镇卫生院: a relative clause before the figure qualifies the noun after it
        relative_before = (
            bool(right_noun)
            and q.unit not in ("%", "‰")
            and left.rstrip().endswith("的")
            and bool(metric)
            and (
                bool(self._verbs_in(metric))
                or _ends_with_word(metric, self._tb.lead, self._tb.lead_lens)
                or len(right_noun) >= 2  # 中央财政的400亿元补贴资金: the owner before 的, the thing counted after
            )
        )
        use_right = bool(right_noun) and (
            not metric
            or metric in _BARE_PREPOSITIONS  # 对38个科技项目进行攻关: the preposition's object is counted
            # 总额4万亿元的两年投资计划: the plan's size (总投资35亿元的80项工程: the count after it is another figure)
            or (metric in _SIZE_ATTRIBUTES and t.startswith("的", q.end) and not t[q.end + 1 : q.end + 2].isdigit() and _INNER_COUNT.match(t, q.end + 1) is None)
            or (q.unit in ("%", "‰") and verb_adjacent)
            or (object_verb and q.unit not in ("%", "‰"))
            or where
            or listed_names
            or relative_before
            # 中央各部门将有117个重大建设单位: after an existential 有 the noun counted follows the count
            or (
                left.rstrip().endswith("有")
                and left.rstrip()[-2:-1] not in _HAVE_NOT_EXISTENTIAL
                and q.unit not in ("%", "‰")
                and not (q.unit or "").endswith("元")
            )
        )
        if (
            not use_right
            and right_noun
            and q.unit not in ("%", "‰")
            and not (q.unit or "").endswith("元")  # (money: its purpose is read apart)
            and not metric.startswith("每")  # (每千名老人拥有40张床位: a rate, below)
            and (final_verb := self._verb_final(metric, left)) is not None
        ):
            # 重点建设40个绿美点, 国家准备重点扶持500个商品粮大县: a verb phrase before the number
            # governs the noun after it
            use_right = True
            r.action = final_verb
        if not use_right and metric and right_noun and _MEASURES_HEAD.fullmatch(right_noun) and not self._verbs_in(metric):
            metric += right_noun  # 实施稳经济30项举措, 法治化营商环境100项提升举措: the measures are what is counted
        if metric.startswith("每") and metric.endswith(("拥有", "有", "配备", "配置")) and right_noun and not use_right:
            # 每千名户籍老人拥有40张养老床位 → 每千名户籍老人养老床位: a rate per head of what follows
            per = metric.removesuffix("拥有").removesuffix("配备").removesuffix("配置").removesuffix("有")
            if len(per) >= 2:
                r.action = metric[len(per) :]
                # (每千名老人…40张床位 is a statistical rate that keeps its base; 每个街道配备一所
                # 幼儿园 counts what each unit gets)
                metric = right_noun if per.startswith(("每个", "每一")) else per + right_noun
                r.extra["per_capita"] = True
                r.extra["object_after"] = True
        if use_right:
            metric = right_noun
            r.extra["object_after"] = True
            rpos = t.find(right_noun, q.end, cend)
            if rpos >= 0 and (im := _INNER_COUNT.match(t, q.end)) is not None and im.end() <= rpos:
                rpos = -1  # (办好12类45件民生实事: the noun is also the next figure's, not consumed here)
            if rpos >= 0:
                r.extra["consumed_end"] = rpos + len(right_noun)
                if (
                    (r.action or "").endswith("完成")
                    and not right_noun.endswith(("项目", "工程", "试点"))
                    and t.startswith("建设", rpos + len(right_noun))
                    and not t.startswith(_BUILD_TASK, rpos + len(right_noun))  # (…卫生院建设任务: the things built)
                ):
                    # 完成3处立体停车设施建设: what is completed is the building of the thing
                    metric = right_noun + "建设"
                    r.extra["consumed_end"] = rpos + len(metric)
            if right_verb and (r.action is None or not verb_adjacent):
                r.action = right_verb
        if (
            not metric
            and not right_noun
            and left.rstrip().endswith("等")
            and "、" in left
            and not ("有" in left and _HAS_EXAMPLES.match(left))  # (施工线路有A、B等25条: below)
        ):
            # 新组建省实验室、产业创新研究院等10家以上: nothing after the number, so the kinds
            # listed before 等 are what is counted
            listed = left.rstrip()[:-1]
            vb = verb[1] if verb is not None and verb[1] <= len(listed) else 0
            cand = self._clean_metric(listed[vb:])
            lead_l = self._lead_verb(cand) if cand else None
            if lead_l is not None:
                cand = lead_l[1]
                r.action = r.action or lead_l[0]
            if "、" in cand and len(cand) <= 30:
                metric = cand
        if not metric and "有" in left and left.rstrip().endswith("等"):
            # 施工线路有包头——兰州线、内江——昆明线等25条: what is listed are examples of the subject
            hm = _HAS_EXAMPLES.match(left)
            if hm is not None:
                metric = self._clean_metric(hm.group(1))
        if metric.endswith(("外", "以外")) and "除" in t[cstart : q.start]:
            metric = metric[: -2 if metric.endswith("以外") else -1]  # 除建设十三个大型水库外: 除…外 frames the noun
        if r.action is None:
            # 赤字率拟按3%安排: the verb after the quantity
            following = t[q.end : cend][:6]
            vm = self._verbs_in(following)
            if vm and vm[0][0] == 0:
                r.action = vm[0][2]
        r.extra["verb_adjacent"] = verb_adjacent
        # 8.7万元 in 从8.7万元提高到12万元 is the present level, not the target
        # (also 从每人每月209元、280元提高到…, 从15个县（市）扩大到57个: a list, or the counted noun, before the verb)
        in_force = left.endswith(_IN_FORCE)
        if ((("从" in left or "由" in left) and _RX10.search(left)) or in_force) and _FROM_TO_VERB.match(
            t, q.end, min(cend, q.end + 14)
        ):
            r.extra["baseline"] = True
            if in_force and (im := _IN_FORCE_NOUN.match(t, q.end, cend)) is not None:
                # 制造业等行业现行16%的税率: the industries' rate (the rate in force is its present level)
                owner = left[: -len(next(w for w in _IN_FORCE if left.endswith(w)))]
                metric = self._clean_metric(owner) + im.group(1)
        elif (
            sent_recs
            and sent_recs[-1].extra.get("baseline")
            and t[sent_recs[-1].q.end : q.start] in ("、", "和", "及")
            and _FROM_TO_VERB.match(t, q.end, min(cend, q.end + 14))
        ):
            r.extra["baseline"] = True  # 从每人每月209元、280元提高到…: the list of present levels
        # inheritance inside the sentence
        prev = sent_recs[-1] if sent_recs else None
        if metric[:1] in "比较" and prev is not None and prev.metric and _COMPARED_BASE.match(metric) and not use_right:
            # 粮食产量将达到3989亿斤，…比五年计划原定1957年3856亿斤的水平超过133亿斤: the base
            # of the comparison and the excess are figures of the metric already named
            metric = prev.metric
            r.metric_inherited = True
        if (
            not metric
            and prev is not None
            and prev.metric
            and not use_right
            and q.special is None
            and _RX_COMPARED_LEAD.match(left)
        ):
            # 出版总量，一九八五年达到456亿印张，比一九八○年增长22%: the clause compares the
            # metric just named with a past year
            metric = prev.metric
            r.metric_inherited = True
        if is_qizhong and prev is not None:
            head = prev if prev.parent_idx is None else sent_recs[prev.parent_idx]
            k = sent_recs.index(head)
            while (
                k > 0
                and "比" in str(head.extra.get("left", ""))
                and (head.action or "") in _BASE_CHANGE_VERBS
                and (sent_recs[k - 1].q.unit or "").lstrip("万亿千百") == (q.unit or "").lstrip("万亿千百")
            ):
                # 安排赤字1.2万亿元，比去年增加4000亿元，其中中央财政赤字8500亿元: the part is of
                # the amount, not of its change against last year
                k -= 1
                up_idx = sent_recs[k].parent_idx
                head = sent_recs[k] if up_idx is None else sent_recs[up_idx]
            r.parent_idx = sent_recs.index(head)
            if verb is None:
                r.action = head.action
        if metric and metric[-1] in "力量积值" and _TOPIC_MEASURE.search(metric):
            # 汽车：全部建成后的年产能力将为九万辆，五年内达到的年产能力为三万辆 → 汽车年产能力
            # (a relative clause before the measure only says which capacity: the line's topic names it)
            de_pos = metric.rfind("的")
            core = metric[de_pos + 1 :]
            # (烟叶的播种面积 names its own topic: only a relative clause before 的 gives way)
            own_topic = de_pos > 0 and not self._verbs_in(metric[:de_pos]) and not metric[:de_pos].endswith(("后", "前"))
            tm = _LINE_TOPIC.match(t, sent.start, q.start) if _TOPIC_MEASURE.fullmatch(core) and not own_topic else None
            if tm is not None:
                topic = self._clean_metric(tm.group(1))
                if topic and topic not in metric and not self._verbs_in(topic):
                    metric = topic + core
        if metric and 1 <= len(metric) <= 4 and (t.find("：", sent.start, q.start) > 0 or t.find(":", sent.start, q.start) > 0):
            # 棉纺锭：全部建成后增加的纺锭将为189万枚: the line's topic is the full name of the thing
            tm = _COLON_TOPIC.match(t, sent.start, q.start)
            if tm is not None and tm.group(1).endswith(metric) and len(tm.group(1)) > len(metric):
                topic = self._clean_metric(tm.group(1))
                if topic.endswith(metric) and not self._verbs_in(topic):
                    metric = topic
        if not metric and cstart > sent.start and t[cstart - 1] in "：:" and (prev is None or prev.q.end < cstart):
            # 钢：从135万吨增加到412万吨 / 粮食：达到3856亿斤: a list item's topic before a colon
            cand = self._clean_metric(t[self._clause_before(sent, cstart) : cstart - 1])
            if cand and len(cand) <= 24 and not self._verbs_in(cand) and not _RX_NUMERAL_LEAD.match(cand):
                metric = cand
                r.metric_inherited = True
        if metric and r.metric_inherited and "计算" in left:
            # 油料作物：以播种面积计算达到1.18亿亩 → 油料作物播种面积: the measure the topic is counted in
            bm = _MEASURED_AS.match(left)
            if bm is not None and not metric.endswith(bm.group(1)):
                metric += bm.group(1)
        if metric in _SCOPE_ONLY and not use_right:
            metric = ""  # 下调…单位缴费比例，各地可降至16%: a scope alone names nothing; the clause before does
        if not metric and "从" in left and (fm_src := _FUNDS_FROM.search(left)) is not None:
            metric = self._clean_metric(fm_src.group(1))  # 从失业保险基金结余中拿出1000亿元: the fund drawn on
            if metric and r.action is None:
                r.action = fm_src.group(2)
        if not metric and (prev is None or prev.q.end < cstart) and q.special in (None, "fraction"):
            # 生产资料在工业总产值中所占的比重，将由46%上升到47%: the subject stands alone in the clause before
            # (…的投资额，约占全年投资总额的三分之二: a fraction too)
            end_pc = cstart - 1
            share_tail = ""
            for _ in range(2):
                # (棉花的亩产量在十二年内，按照不同的情况，分别达到…: a clause that names nothing
                # (a circumstance, a time) is passed over for the one before it)
                i_pc = max(t.rfind("，", sent.start, end_pc), t.rfind(",", sent.start, end_pc)) if end_pc > sent.start else -1
                skipped = t[i_pc + 1 if i_pc >= 0 else sent.start : end_pc]
                if i_pc < 0 or skipped.lstrip().startswith(_ZAI_WORDS) or not (
                    _SKIPPABLE_CLAUSE.match(skipped) or skipped.endswith("的部分")  # (…，通过国家预算的部分，拟定为)
                ):
                    break
                if not share_tail and (sh := _SHARE_CLAUSE.fullmatch(skipped)) is not None:
                    share_tail = sh.group(0).strip()  # …的农户，在全国农户总数中的比重，将达到1/3: the subject's share
                end_pc = i_pc
            lo_pc = max(sent.start, end_pc - 30)
            seg_pc = t[lo_pc : max(sent.start, end_pc)]
            # the window's start is a clause start only when it is the sentence's start
            pc = _RX_PREV_CLAUSE.search(seg_pc if lo_pc == sent.start else "\x00" + seg_pc)
            pc_start = lo_pc + (pc.start(1) if lo_pc == sent.start else pc.start(1) - 1) if pc is not None else -1
            if pc is not None and (prev is None or prev.q.end <= pc_start):
                cand = self._clean_metric(pc.group(1))
                lead_pc = self._lead_verb(cand) if cand and "的" not in cand else None
                if lead_pc is not None:
                    works = lead_pc[1]
                    # 推进保障性安居工程建设，…基本建成500万套, 加大…工程建设力度，今年新开工…: the works built
                    works = _WORKS_TAIL.sub("", works) if len(works) > 4 else works
                    if not self._verbs_in(works):
                        cand = works  # 扩大人工草场面积，计划由…增加到…: the object of the verb before
                if cand and lead_pc is None and _TOTAL_ONLY.fullmatch(left):
                    # 资助残疾人大学生…，合计6300名: a total of what the clause before gave
                    vs = self._verbs_in(cand)
                    if vs and vs[0][0] == 0 and not self._verbs_in(cand[vs[0][1] :]):
                        cand = self._clean_metric(cand[vs[0][1] :])
                de = cand.rfind("的")
                # (为职工修建的住宅面积: a verb inside a relative clause before 的 is fine)
                # (基本建设投资总额: a nominal verb inside a compound noun is no verb of a clause)
                if (
                    cand
                    and not self._clause_verbs(cand[de + 1 :] if de > 0 else cand)
                    and len(cand) <= 24
                ):
                    metric = cand + share_tail
                    r.metric_inherited = True
        if (
            metric
            and prev is not None
            and prev.metric
            and left.rstrip().endswith("的")
            and self._verbs_in(left)
            and not use_right
        ):
            # 限额以上建设单位964个，其中本年开始建设的271个，继续建设的693个: a relative
            # clause before the number counts members of the noun already named (or of the set
            # a frame named: 苏联为我国设计的156个重要项目中，…本年内开始建设的22个)
            metric = self._frame.get(sent.start, "")
            if metric:
                r.metric_inherited = True
            gap = t[prev.q.end : q.start]
            if prev.parent_idx is not None and prev.q.unit == q.unit and not _RX_SEMI.search(gap):
                r.parent_idx = prev.parent_idx  # …and stays inside the 其中 list
        if not metric and prev is None and verb is not None and verb_adjacent and q.special is None:
            # 拟连续几年发行超长期特别国债…。今年先发行1万亿元: the same verb's object in the
            # sentence before names the metric
            ps, pe = self._prev_sentence
            vpos = t.rfind(verb[2], sent.start, max(sent.start, cstart - 1))  # (…发行超长期特别国债，…，今年先发行1万亿元)
            if vpos >= 0:
                ps, pe = sent.start, cstart
            else:
                vpos = t.rfind(verb[2], ps, pe)
            obj = _RX_OBJECT.match(t, vpos + len(verb[2]), pe) if vpos >= 0 else None
            if obj is not None:
                cand = self._clean_metric(obj.group(0))
                # (中央预算内经常性建设投资: a nominal verb inside the object is part of its name)
                if (
                    cand
                    and not self._clause_verbs(cand)
                    and not _RX_NUMERAL_LEAD.match(cand)
                ):
                    metric = cand
                    r.metric_inherited = True
        if (
            metric in _BARE_MEASURES
            and r.action is None
            and cstart > sent.start
            and t[cstart - 1] in "，,"
            and (prev is None or prev.q.end < cstart)
        ):
            # 煤炭工业建设，五年投资179亿元: the topic before the comma is what the money is for
            topic_t = self._clean_metric(t[self._clause_before(sent, cstart) : cstart - 1])
            if 4 <= len(topic_t) <= 20 and not _RX_HAS_DIGIT.search(topic_t) and not _LOCATIVE.match(topic_t) and not self._verb_headed(topic_t):
                r.action, metric = metric, topic_t
                r.metric_inherited = True
        if prev is None and sent.start not in self._frame and t[sent.start : min(q.start, sent.start + 8)].lstrip().startswith("在"):
            # 在这些大中型建设项目中，计划…全部建成的四百个: the sentence opens on the set it counts in
            fm2 = _SENT_FRAME.match(t, sent.start, q.start)
            noun2 = self._clean_metric(fm2.group(1)) if fm2 is not None else ""
            if noun2 and not _RX_HAS_DIGIT.search(noun2):
                self._frame[sent.start] = noun2
        if (
            metric
            and prev is None
            and sent.start in self._frame
            and left.rstrip().endswith("的")
            and self._verbs_in(left)
            and not use_right
        ):
            metric = self._frame[sent.start]
            r.metric_inherited = True
            if r.action is None:
                r.action = self._verbs_in(left)[-1][2]  # (the relative clause's verb: 建成的四百个)
        if not metric and sent.start in self._frame and left.rstrip().endswith("的"):
            metric = self._frame[sent.start]
            r.metric_inherited = True
        if metric and metric[0] in "向对为给" and r.action is None and len(metric) >= 5 and not r.metric_inherited:
            # 向民间资本推介重大项目100个以上, 为经营主体减负2500亿元: a prepositional phrase and
            # its verb before the counted noun; the noun is the metric, the verb the action
            pos_w = 0
            for w in self.tok.lcut(metric, HMM=False):
                b = pos_w + len(w)
                if (
                    pos_w >= 3
                    and len(metric) - b >= 2
                    and (w in self.lex.lead_verbs or w in self._lexicon_verbs)
                    and w not in self.nominal_verbs
                ):
                    metric, r.action = metric[b:], w
                    break
                pos_w = b
            else:
                if metric[0] == "为":
                    metric = metric[1:]
        elif (
            r.action in self._tb.causative
            and metric
            and len(metric) >= 6
            and not r.metric_inherited
            and not use_right
            and not (q.unit or "").endswith(_AGENT_UNITS)  # (支持中小企业开展数字化改造1000家: the firms are counted)
        ):
            # 支持龙头企业牵头组建创新联合体10个以上: after a pivot verb, who acts and what they do;
            # the thing they make is counted
            pos_w, last = 0, None
            for w in self.tok.lcut(metric, HMM=False):
                b = pos_w + len(w)
                is_verb = (w in self.lex.lead_verbs or w in self._lexicon_verbs) and w not in self.nominal_verbs
                if last is not None:
                    if is_verb and last[0] == pos_w and len(metric) - b >= 3:
                        last = (b, w)  # 牵头组建: a chain of verbs, the last one makes the thing
                        pos_w = b
                        continue
                    break
                if pos_w >= 2 and len(metric) - b >= 3 and is_verb:
                    last = (b, w)
                pos_w = b
            if last is not None and not self._verbs_in(metric[last[0] :]):
                metric, r.action = metric[last[0] :], last[1]
        if metric and metric[0] in "中各地省市区县本" and not r.metric_inherited:
            fl = _FUNDER_LEAD.match(metric)
            if fl is not None and len(metric) - fl.end() >= 2 and not _FISCAL_NAME.match(metric, fl.end()):
                # 中央财政科技投入1461亿元, 中央财政拟投入社会保障资金2930亿元: who pays is no part of what
                rest = metric[fl.end() :]
                vm = _FUNDER_VERB_LEAD.match(rest)
                if vm is not None and len(rest) - vm.end() >= 2 and r.action is None:
                    metric, r.action = rest[vm.end() :], vm.group(1)
                # (a funder before a noun stays: 中央财政扶贫资金, 省级财政资金 are named so)
        fv = _FUNDER_VERB.fullmatch(metric) if metric and metric[-1] in _FUNDING_VERB_LAST else None
        if fv is not None and (r.action is None or r.action in _PURPOSE_VERBS):
            metric, r.action = fv.group(1), fv.group(2)
        if metric and metric not in _FUNDERS and (r.action or "") in _FUNDING_VERBS and (fmod := _FUNDER_MODAL.fullmatch(metric)):
            if fmod.group(1) in _FUNDERS:
                metric = fmod.group(1)  # (中央财政将为此, 各级政府拟: the funder alone)
        if metric in _FUNDERS and (r.action or "") in _FUNDING_VERBS and not r.extra.get("object_after"):
            # 今年中央财政将安排832亿元，比上年增加167亿元，支持卫生事业改革和发展 / 加快社会保障体系建设，
            # 今年中央财政将安排2762亿元: the funder is no metric; what the money is for is
            pm2 = _PURPOSE_AFTER.match(t, q.end, sent.end)
            purpose = self._clean_metric(pm2.group(1)) if pm2 is not None else ""
            if pm2 is not None and purpose and pm2.group(1).endswith(purpose) and self._all_verbs(pm2.group(1)[: -len(purpose)]):
                purpose = pm2.group(1)  # 用于促进就业: the purpose is the whole verb phrase
            if not purpose and cstart > sent.start:
                before_p = t[self._clause_before(sent, cstart) : cstart - 1].strip()
                before_p = before_p.removeprefix("为了").removeprefix("为")  # 为加快社会保障体系建设，…安排
                lead_p = self._lead_verb(self._clean_metric(before_p))
                purpose = lead_p[1] if lead_p is not None and not _RX_HAS_DIGIT.search(lead_p[1]) else ""
                if not purpose and prev is not None and prev.metric and prev.q.start >= self._clause_before(sent, cstart):
                    purpose = prev.metric  # 提高1200万中小学教师待遇，中央财政为此将投入120亿元: what the clause before counts
                if not purpose:
                    # 各级政府要进一步增加社会保障投入，中央财政拟安排3185亿元: the object of the clause's last verb
                    vs_p = self._verbs_in(before_p)
                    if vs_p:
                        obj_p = self._clean_metric(before_p[vs_p[-1][1] :])
                        if len(obj_p) >= 2 and not self._verbs_in(obj_p):
                            purpose = obj_p
            if purpose and not _RX_HAS_DIGIT.search(purpose):
                metric = purpose
        if metric in _GENERIC_MEASURES and not r.metric_inherited:
            # 石化产业持续“减油增化提质”…。产值突破1300亿元: a bare 产值 belongs to the industry the
            # sentence run of the paragraph is about
            p0 = t.rfind("\n", 0, q.start) + 1
            topic_m = None
            for tm2 in _SECTOR_TOPIC.finditer(t, p0, q.start):
                if not self._verb_headed(tm2.group(1)):
                    topic_m = tm2  # (拓展聚醚醚酮产业: a verb heads it, no topic)
            if topic_m is not None:
                sector = topic_m.group(1)
                metric = sector + (metric[2:] if metric.startswith("产业") else metric)
        if not metric and prev is not None and prev.metric and left.lstrip().startswith(("都", "均")):
            # 农业总产值…增加到2660亿元，工业总产值…增加到6050亿元，都是平均每年递增4%: both
            names = list(dict.fromkeys(x.metric for x in sent_recs if x.metric and not x.extra.get("baseline")))
            if len(names) > 1:
                metric = "、".join(names)
                r.metric_inherited = True
        if not metric and prev is not None and prev.metric:
            metric = prev.metric
            r.metric_inherited = True
            if prev.extra.get("per_capita"):
                r.extra["per_capita"] = True
        if verb is None and r.action is None and prev is not None and prev.action and not is_qizhong:
            gap = t[prev.q.end : q.start].strip()
            if _unit_family(prev.q.unit) == _unit_family(q.unit) and (prev.kind != "change" or gap in ("、", "和", "及", "或")):
                r.action = prev.action
                r.extra["verb_adjacent"] = prev.extra.get("verb_adjacent", False)
        if metric and metric.endswith(_PRICE_RISE) and r.metric_inherited and (r.action is None or r.action[-1:] in "在为到"):
            # 物价上涨幅度比去年有明显回落，力争控制在15%左右: the price level's rise (居民消费价格涨幅 3%)
            cut = next(w for w in _PRICE_RISE if metric.endswith(w))
            if len(metric) > len(cut):
                metric, r.action = metric[: -len(cut)], cut
        if q.unit == "个百分点" and (gm := _GAP_OVER.search(left)) is not None:
            # 研发投入增速高于全省平均2个百分点: the rate before the comparison, the gap over its base
            subject = self._clean_metric(left[: gm.start()])
            if subject and subject.endswith(_RATE_WORDS):
                metric = subject
                r.action = gm.group(0)
                r.extra["gap"] = True  # (a level relative to another's, not a change of its own: ratio)
        r.metric = metric or None
        # hedge: the nearest hedge word before the quantity in the sentence
        cues = self._cues(sent)
        rel = q.start - sent.start
        hm = cues.last("hedge", rel)
        if hm is not None and hm.group(0) in ("争取", "努力"):
            # 争取/努力 reach only their own clause, or a following clause with no verb of its own
            if hm.end() < cstart and verb is not None:
                hm = None
        if hm is not None and sent_recs and any(x.action == "争取" and x.q.start > sent.start + hm.start() for x in sent_recs):
            hm = None
        if hm is not None:
            r.hedge = hm.group(0)
            if r.hedge == "争取" and (r.action is None or r.action == "争取"):
                # 争取政策资金10亿元: here 争取 is the verb
                r.action, r.hedge = "争取", None
        if r.action == r.hedge:
            r.hedge = None
        clause_left = t[cstart : q.start]
        # Descriptions, not commitments: 在…156个重要项目中, 除了17个项目…, 按照中央17个部…,
        # 小于1952年所占的比例13.2%
        among = _RX_AMONG.match(t, q.end, cend) if t.find("中", q.end, cend) >= 0 else None
        if among is not None and not among.group(0).startswith(("之中", "中")):
            # 苏联为我国设计的156个重要项目中: a set the following figures count members of
            noun = self._clean_metric(among.group(0)[: -2 if among.group(0).endswith("之中") else -1])
            mod = self._clean_metric(left) if left.strip() else ""
            if noun and not self._verbs_in(noun):
                self._frame[sent.start] = (mod + "的" if mod and left.rstrip().endswith("的") else mod) + noun
        if (
            among is not None
            or _RX_PREP_LEAD.match(clause_left)
            or ("于" in clause_left and _RX_COMPARED_TO_YEAR.search(clause_left))
        ):
            r.extra["achieved"] = True
        if ("预计" in clause_left or "高达" in clause_left or "预期将" in clause_left) and _RX11.search(clause_left):
            r.extra["forecast"] = True
        bm = cues.last("than_year", rel) if self.year is not None else None  # the comparison nearest the figure
        if bm is not None and self.year is not None:
            whole = sent.end - sent.start
            between = t[sent.start + bm.end() : q.start]
            if (
                "；" not in between
                and ";" not in between
                and int(bm.group(1)) <= self.year - 2
                and cues.last("plan", whole) is None
                and cues.last("to_year", whole) is None
                and not any(int(y) > self.year for y in _YEAR_DIGITS.findall(t, sent.start, sent.end))
            ):
                # 拖拉机台数比一九五七年增长四倍 with no word of intent in the sentence: a result
                # measured from an old base, not a target (targets carry 将, 要, 力争, 到…年)
                r.extra["achieved"] = True
        if "了" in clause_left and _PERFECTIVE.search(clause_left):
            r.extra["achieved"] = True
        ym = _YEAR_OF.search(clause_left) if "的" in clause_left else None
        if (
            ym is not None
            and (ym.group(1) is None or (self.year is not None and int(ym.group(1)) < self.year))
            # (为1955年的98.88%, 相当于1957年的150%: this year's figure as a share of that year's)
            and not (q.unit == "%" and _RATIO_OF_YEAR.search(clause_left, 0, ym.start()))
        ):
            r.extra["baseline"] = True  # 比一九五八年的二千零五十亿元增长40%: last year's level, the base
        cond = _last(_CONDITIONAL, t, sent.start, q.start) if self._conditional_possible else None
        if cond is not None and not _RX_SEMI.search(t, cond.end(), q.start):
            r.extra["forecast"] = True
        elif (cm := cues.first("consequent")) is not None:
            # 多种五十万亩烟叶，就能增产五十万箱纸烟: an illustration — what would follow if — not a
            # commitment (unless the condition is itself willed: 要种五十万亩，就能…)
            c_end = sent.start + cm.end()
            if (
                (rel > cm.start() or cues.last("willed", rel) is None)
                # (…就能够实现翻两番的宏伟目标: what follows names the goal itself)
                and t.find("目标", c_end, sent.end) < 0
                and t.find("任务", c_end, sent.end) < 0
            ):
                r.extra["forecast"] = True
        # progress and results inside a plan: 已经…, 据…统计, 到5月份为止, 比去年同期增长, 计划完成102%
        am = cues.last("achieved", rel)
        for extra_kind in ("midyear", "missed"):
            em = cues.last(extra_kind, rel)
            if em is not None and (am is None or em.end() > am.end()):
                am = em
        if (
            am is not None
            and am.group(0) == "已"
            and _ATTRIBUTIVE_DONE.match(t, sent.start + am.end())
            and _RX_CLAUSE_BREAK.search(t, sent.start + am.end(), q.start)
        ):
            am = None  # 改造已建成自然村的污水设施，满意度不低于80%: 已 describes another clause's noun
        if am is not None:
            pm = cues.last("plan", rel)
            if (pm is None or pm.start() < am.end()) and not (pm is not None and am.group(0) == "首次"):
                r.extra["achieved"] = True  # (力争…首次突破: a first crossing aimed at)
        elif t.find("目标", q.end, sent.end) >= 0 and _TARGET_MISSED_AFTER.match(t, q.end, sent.end):
            r.extra["achieved"] = True  # 居民消费价格上涨5.9%，高出预期目标1.9个点: a result set against the target
        if q.comparator == "=" and q.special in (None, "fraction"):
            tail = t[max(cstart, q.start - 6) : q.start]
            comp = None
            if ("少" in tail or "低" in tail) and _DETACHED_MIN.search(tail):
                comp = ">="
            elif ("多" in tail or "高" in tail) and _DETACHED_MAX.search(tail):
                comp = "<="
            elif "约" in tail and _DETACHED_APPROX.search(tail):
                comp = "~"
            elif "约占" in t[cstart : q.start] and _APPROX_SHARE.search(t, cstart, q.start):
                comp = "~"  # 约占全年投资总额的三分之二: 约 before the share's verb
            elif (
                "于" in (seg := t[cstart : q.start]) or "超过" in seg
            ) and (bcm := _BASE_COMPARED.search(t, cstart, q.start)) is not None:
                comp = self.lex.comparators["prefix"][bcm.group(1)]  # 不低于最低生活保障标准的1.6倍: at least 1.6 times
            if comp is not None:
                r.q = dataclasses.replace(q, comparator=comp)
        if r.metric and r.metric.endswith(("限额", "起点", "门槛")) and r.action is None:
            return None  # 钢铁工业的投资限额为1000万元: a threshold being defined, not a quantity to reach
        if (
            (r.action in _POSSESSION_VERBS or (r.action is None and clause_left.endswith("有") and _SCOPE_HAS.search(clause_left)))
            and cues.last("plan", rel) is None
            and cues.last("to_year", rel) is None
            and "每" not in clause_left  # (每千名老人拥有40张床位: a per-head indicator)
            and t.find("目标", q.end, cend) < 0
        ):
            r.extra["achieved"] = True  # 我省拥有8个万亿元级产业集群: what the region has now, with no word of intent
        if (q.unit in ("亿", "亿人", "亿名") and _NATION_AFTER.match(t, q.end, cend)) or (
            q.unit == "亿人" and (q.value or 0) >= 9 and t.startswith("的", q.end)  # 保障好14亿人的粮食安全
        ):
            r.extra["achieved"] = True  # 解决13亿中国人的吃饭问题, 我国有2.9亿在校学生: the nation's size, a present fact
        if (
            r.metric
            and r.metric.endswith("毕业生")
            and (r.action is None or r.action in _LEVEL_ONLY)
            and (q.unit or "").endswith("人")
            and t.find("今年", sent.start, q.start) >= 0
        ):
            r.extra["forecast"] = True  # 今年高校毕业生将达727万人: the size of the year's cohort (spec: a forecast)
        if t.endswith("比", cstart, q.start) and _REFERENCE_AFTER.match(t, q.end, cend):
            return None  # 每个农民的收入比70元的数目低: the figure is what is compared with, not a quantity to reach
        if (
            (q.unit in ("%", "‰") or q.special == "fraction")
            and (
                # 国家财政收入的60%以上来自国有企业, 人口80%以上在农村: where a share is, now
                (r.action is None and t.startswith(_SHARE_LOCATED, q.end))
                # 有43%没有恢复到历史最高水平, 有24%的企业存在着亏损: a shortfall now
                or _SHORTFALL_AFTER.match(t, q.end, cend) is not None
            )
            and cues.last("plan", rel) is None
            and cues.last("to_year", rel) is None
        ):
            r.extra["achieved"] = True  # (with no word of intent: a present fact)
        if q.unit in ("%", "‰") and "占" in left and t.startswith("的", q.end) and _RX_HAN.match(t, q.end + 1) and _SHARE_RELATIVE.search(left):
            r.extra["achieved"] = True  # 占我们国家人口80%以上的农民: a share describing who is meant
        if r.metric and r.metric.endswith("指标") and q.unit in ("项", "个") and r.action is None:
            return None  # 其中预期性指标19项、约束性指标9项: how many indicators a plan has
        self._kind(r)
        if not r.metric:
            r.confidence = 0.5
        elif r.metric_inherited:
            r.confidence = 0.75
        return r

    def _kind(self, r: _Rec) -> None:
        if r.q.special == "double":
            return
        if r.q.special == "ratio_to_one":
            r.kind = "ratio"  # 城乡居民收入比缩小至2.1∶1
            return
        if r.q.special == "fraction":
            act = r.action or ""
            if act in self.lex.change_down or act.endswith(("减少", "降低", "下降", "压减", "压缩", "缩减", "精简", "减")):
                r.kind, r.direction = "change", "down"  # 审批时间再压减一半: a change by a share
            elif act in self.lex.change_up or act.endswith(("增加", "提高", "增长")):
                r.kind, r.direction = "change", "up"
            else:
                r.kind = "ratio"
            return
        unit = r.q.unit or ""
        act = r.action or ""
        base_act = act
        level_verb = bool(act) and act[-1] in "到至为在" and act not in ("涨幅",)
        up = base_act in self.lex.change_up or base_act.endswith(("增长", "提高", "增加"))
        down = base_act in self.lex.change_down or base_act.endswith(("下降", "降低", "减少"))
        if base_act in ("降", "减", "再降", "再减"):
            down = True  # 平均资费再降10%, 人员编制减一半: a one-character change verb
        elif base_act in ("增", "再增") or (base_act == "新增" and unit in ("%", "‰")):
            up = True  # 示范点新增10%: a growth in percent
        if unit in ("%", "‰") and base_act in self.lex.verbs.get("rate_down", ()):
            down = True  # 造价比原计划节约10%: a saving in percent lowers the level (节约20亿元 is an amount)
        if base_act.startswith("年均"):
            r.per_year = True
        if unit.endswith("百分点") and r.extra.get("gap"):
            r.kind = "ratio"
            return
        if unit.endswith("百分点"):
            r.kind = "change"
            r.direction = "down" if down else "up" if up else None
            if r.direction is None:
                r.direction = "up"
            return
        if r.extra.get("increment"):
            r.kind, r.direction = "change", "down" if down else "up"
            return
        if (up or down) and (act in ("增产", "减产") or act.startswith("每年")):
            # 每年增产原煤3000万吨, 保证每年增加运力4000万吨: output raised, a change of a level
            r.kind, r.direction = "change", "down" if down else "up"
            return
        if unit.endswith("元") and not level_verb and act in _MONEY_CHANGE_VERBS:
            # 减少企业税负3500亿元, 增加中央预算内投资100亿元: money added to or taken from a level
            r.kind, r.direction = "change", "down" if down or act in ("减轻", "压减", "再减少") else "up"
            return
        counted = unit.lstrip("万亿") in self.lex.count_units or unit in ("万", "亿")
        if down and counted and r.extra.get("verb_adjacent") is False and not r.extra.get("object_after") and not level_verb:
            r.kind, r.direction = "change", "down"  # 再减少青壮年文盲400万人: a stock reduced
            return
        if counted and (
            ((up or down) and r.extra.get("object_after"))
            or (up and r.extra.get("verb_adjacent") is False and not r.metric_inherited)
        ):
            # 增加1500个公办学位, 增加卫生专业人员60万人: items added, counted like 新增
            r.kind = "amount"
            return
        if (up or down) and not level_verb and r.extra.get("verb_adjacent", True):
            if unit in ("%", "‰") or not unit.endswith("%"):
                r.kind = "change"
                r.direction = "up" if up else "down"
                return
        if unit in ("%", "‰") and r.metric and (r.metric.endswith(_RATE_OF_CHANGE) or (_PRICE_LEVEL.search(r.metric) and (r.q.value or 0) < 50)):
            # 国民经济增长速度调高到8%至9%, 增速保持在6%: the level of a growth rate is a change
            r.kind = "change"
            r.direction = "down" if down else "up"
            return
        if unit in ("%", "‰"):
            r.kind = "ratio"
            return
        if (
            "/" in unit
            or r.extra.get("per_capita")
            or (r.metric_inherited and r.metric and _RX9.search(r.metric))
            or (unit.endswith("元") and level_verb and (r.metric or "").endswith("标准"))  # 补助标准提高到80元
            or (unit == "倍" and not (up or down))  # 保障标准不低于最低生活保障标准的1.6倍
            or _PER_UNIT_IN_METRIC.search(r.metric or "") is not None  # 中小学生每天体育活动时间不低于2小时
        ):
            r.kind = "ratio"  # (棉花的亩产量…，分别达到40斤: a per-mu yield, the metric inherited)
            return
        r.kind = "amount"

    def _share_list_metrics(self, recs: list[_Rec]) -> None:
        """开工…12条、14公里园区道路: an item with no noun takes the next item's noun."""
        for i in range(len(recs) - 1, -1, -1):
            r = recs[i]
            if r.metric and not r.metric_inherited:
                continue
            if i + 1 < len(recs):
                nxt = recs[i + 1]
                gap = self.t[r.q.end : nxt.q.start]
                if gap.strip() in ("、", "和", "及", "，", ",") and nxt.metric and not nxt.metric_inherited:
                    r.metric = nxt.metric
                    r.metric_inherited = True

    def _shared_heads(self, recs: list[_Rec]) -> None:
        """铁路货物周转量…，旅客周转量… / 高等学校新招生…，毕业学生…: a role noun takes the topic before it.

        Role nouns (cues.json ``role_nouns``) name one side of something already named: when the
        previous metric is topic + role (铁路 + 货物周转量) and this one is another role alone
        (旅客周转量), it belongs to the same topic (铁路旅客周转量).
        """
        roles = self._roles
        if not roles:
            return
        prev_metric = None
        for r in recs:
            m = r.metric
            if m and not r.metric_inherited and prev_metric and m in roles and m != prev_metric:
                for role in self._roles_by_len:
                    if role != m and prev_metric.endswith(role) and len(prev_metric) > len(role):
                        topic = prev_metric[: -len(role)]
                        if _RX_WORDY.search(topic) and not topic.endswith(("的", "、", "和", "及")):
                            r.metric = topic + m
                        break
            if r.metric and (r.metric not in roles or prev_metric is None):
                prev_metric = r.metric  # a bare role that found no topic does not break the chain
        for i, r in enumerate(recs):
            before = recs[i - 1].metric if i > 0 else None
            if r.metric_inherited and before and r.metric and before.endswith(r.metric):
                r.metric = before

    def _list_heads(self, sent: Sentence, recs: list[_Rec]) -> None:
        """…的投资427.4亿元，是这样分配的：工业部门为248.5亿元；… / …的年产能力如下：抚顺…为930万吨:
        each item of a list announced by 如下/是这样分配的 names a part of the head (工业部门基本建设投资)."""
        t = self.t
        # (_LIST_FRAME tries its lazy prefix at every position: look for its cue words first)
        fm = (
            _LIST_FRAME.search(t, sent.start, sent.end)
            if (t.find("如下", sent.start, sent.end) >= 0 or t.find("是这样分配的", sent.start, sent.end) >= 0)
            and _LIST_FRAME_CUE.search(t, sent.start, sent.end)
            else None
        )
        start = sent.start
        if fm is not None:
            self._list_head = self._frame_head(fm.group(1))
            start = fm.end()
        head = self._list_head
        if not head:
            return
        for r in recs:
            if r.q.start < start:
                continue
            if r.metric_inherited:
                continue
            im = _ITEM_LEFT.match(str(r.extra.get("left", "")))
            item = self._clean_metric(im.group(1)) if im is not None else ""
            if not item or len(item) > 16:
                self._list_head = None  # the list has ended
                return
            old = r.metric
            # 工业支出 under 经济建设支出 names its part already; 工业部门 under 基本建设投资 does not
            r.metric = item if item.endswith(head[-2:]) else item + head
            for x in recs:
                if x.metric_inherited and x.metric == old and x.q.start > r.q.start:
                    x.metric = r.metric
        if t.startswith("。", sent.end) or t.startswith(".", sent.end):
            self._list_head = None  # a full stop ends the list

    def _sector_heads(self, recs: list[_Rec]) -> None:
        """农业方面的252个，…，全部限额以上的基本建设单位共有1600个 / …建设单位6000多个，其中工业方面约有2300个:
        a sector label (…方面) counts the thing the total or the parent names."""
        sectors = [r for r in recs if r.metric and r.metric.endswith("方面") and not r.metric_inherited]
        if not sectors:
            return
        total_head = None
        for r in recs:
            tm = _TOTAL_LEFT.search(str(r.extra.get("left", "")))
            if tm is not None:
                total_head = self._clean_metric(tm.group(1)) or None
        for r in sectors:
            head = None
            if r.parent_idx is not None and 0 <= r.parent_idx < len(recs):
                head = recs[r.parent_idx].metric
            elif total_head is not None:
                head = total_head
            if head and not head.endswith("方面"):
                old = r.metric or ""
                r.metric = old + head
                for x in recs:
                    if x.metric_inherited and x.metric == old:
                        x.metric = r.metric

    def _frame_head(self, phrase: str) -> str:
        """The head noun a list frame announces: 五年基本建设的投资427.4亿元 → 基本建设投资."""
        z = _RX_ANY_NUMBER.sub("", _TIME_LEAD.sub("", regex.sub(r"^[^，,]*?[一二三四五六七八九十两\d]+年(?:内|中|间)?", "", phrase)))
        hm = _FRAME_HEAD.search(z)
        if hm is None:
            return ""
        noun = hm.group(2)
        mod = hm.group(1) or ""
        if len(noun) <= 2 and mod:
            mod = self._clean_metric(mod)
            return mod + noun if mod else ""
        return noun

    def _attribute_nouns(self, recs: list[_Rec]) -> None:
        """研发投入增长10%以上，强度突破5% / 病床增设6万张，总数达到33.9万张: a bare attribute or total
        noun refers to the metric before it (cues.json ``attribute_nouns``, ``total_nouns``)."""
        attrs = self._attr_nouns
        totals = self._total_nouns
        for i in range(1, len(recs)):
            r = recs[i]
            m = r.metric
            if not m or r.metric_inherited or (m not in attrs and m not in totals):
                continue
            prev = next((x.metric for x in reversed(recs[:i]) if x.metric and x.metric != m), None)
            if prev is None:
                continue
            r.metric = prev if m in totals else prev + m
            for x in recs[i + 1 :]:
                if x.metric_inherited and x.metric == m:
                    x.metric = r.metric

    def _distribute_respectively(self, recs: list[_Rec]) -> None:
        """城镇、农村居民人均可支配收入分别增长7%、8%: one member's name per number.

        The members share a prefix (单位GDP用水量、能耗 → 单位GDP能耗) or a suffix
        (城镇、农村居民收入 → 城镇居民收入); with no member count matching the
        numbers, the joint wording stays (spec: hard cases, 分别).
        """
        i = 0
        while i < len(recs):
            r = recs[i]
            m = r.metric or ""
            pair = "、" not in m and m.count("和") == 1  # 居民医保和基本公共卫生服务经费…标准分别再提高30元和5元
            sectors = _SECTORS.match(m) if "、" not in m and not pair else None  # 一二三产增加值分别增长…
            if not m or ("、" not in m and not pair and sectors is None) or "分别" not in self.t[r.sent.start : r.q.start]:
                i += 1
                continue
            group = [r]
            j = i + 1
            while j < len(recs) and recs[j].metric == m and recs[j].metric_inherited:
                group.append(recs[j])
                j += 1
            if sectors is not None:
                pre, ords, suf, rest = sectors.groups()
                members = [f"{pre}{o}{suf}{rest}" for o in ords]
            else:
                members = [x for x in (m.split("和") if pair else _RX12.split(m)) if x]
                if len(members) != len(group) and "、" in m:
                    members = [x for x in m.split("、") if x]  # (文化及相关产业、旅游及相关产业: 及 inside a name)
            n = len(members)
            halves = [group]
            if n > 1 and len(group) == 2 * n and all(x.extra.get("baseline") for x in group[:n]):
                halves = [group[:n], group[n:]]  # 分别从209元、280元提高到217元、290元: levels now, then targets
            if n > 1 and all(len(h) == n for h in halves):
                names = members if sectors is not None else self._member_names(members)
                verbs = [self._lead_verb(x) for x in members]
                for half in halves:
                    for rec, name, v in zip(half, names, verbs, strict=True):
                        rec.metric = name
                        if v is not None and all(verbs):
                            rec.action = v[0]  # 接待游客、实现旅游收入分别…: each member's own verb
            i = j

    def _closing_heads(self, recs: list[_Rec]) -> None:
        """淘汰钢铁2700万吨、水泥4200万吨、平板玻璃3500万标准箱等落后产能: 等 closes the list with its head."""
        t = self.t
        i = 0
        while i < len(recs):
            j = i
            while j + 1 < len(recs) and t[recs[j].q.end : recs[j + 1].q.start].startswith("、"):
                j += 1
            if j > i:
                hm = _CLOSING_HEAD.match(t, recs[j].q.end, recs[j].sent.end)
                if hm is not None:
                    head = hm.group(1)
                    for r in recs[i : j + 1]:
                        m = r.metric or ""
                        if 2 <= len(m) <= 6 and not m.endswith(head) and r.kind != "qualitative":
                            r.metric = m + head
            i = j + 1

    def _grade_lists(self, recs: list[_Rec]) -> None:
        """培育6个世界级、7个国家级、9个区域级产业集群: the grades before the last share its noun."""
        i = 0
        while i < len(recs):
            j = i
            while j + 1 < len(recs):
                gap = self.t[recs[j].q.end : recs[j + 1].q.start]
                m = recs[j].metric or ""
                if not (m and gap.startswith(m) and gap[len(m) :] in ("、", "和", "及")):
                    break
                j += 1
            group = recs[i : j + 1]
            last = group[-1].metric or ""
            gm = _GRADE_HEAD.match(last)
            if len(group) > 1 and gm is not None:
                for r in group[:-1]:
                    if r.metric and _GRADE_ONLY.fullmatch(r.metric):
                        r.metric = r.metric + gm.group(1)
            i = j + 1

    def _bare_measures(self, recs: list[_Rec]) -> None:
        """粮食播种面积3320万亩、产量1285万吨: a bare measure after a list mark takes the topic before it."""
        for prev, r in itertools.pairwise(recs):
            m, pm = r.metric, prev.metric
            if m not in _LIST_MEASURES or not pm or r.kind == "qualitative" or prev.kind == "qualitative":
                continue
            gap = self.t[prev.q.end : r.q.start]
            if not gap.startswith(("、", "，", ",")) or not gap[1:].lstrip().startswith(m):
                continue
            tm = _BARE_MEASURE_TAIL.search(pm)
            topic = pm[: tm.start()] if tm else pm
            if len(topic) >= 2 and not topic.endswith(m):
                r.metric = topic + m

    def _share_frames(self, recs: list[_Rec]) -> None:
        """在社会零售总额中，国营商业将占54.9%: a share of the whole named in the frame before it.

        The metric is the part's share of that whole (国营商业在社会零售总额中的比重), as a
        report says it when it names the share (现代工业在工农业总产值中所占的比重).
        """
        for r in recs:
            m = r.metric
            if r.action != "占" or not m or "比重" in m or "中" in m:
                continue
            head = self.t[r.sent.start : r.q.start]
            fm = None
            for fm in _SHARE_FRAME.finditer(head):  # noqa: B007 - the last frame before the share
                pass
            if fm is not None and head.find(m, fm.end()) >= 0:
                r.metric = f"{m}在{fm.group(1)}中的比重"

    def _list_comparators(self, recs: list[_Rec]) -> None:
        """分别不少于1家、1家和7家 / 分别增长7%、8%左右: a comparator at either end covers the list."""
        t = self.t
        i = 0
        while i < len(recs):
            j = i
            while j + 1 < len(recs) and t[recs[j].q.end : recs[j + 1].q.start].strip() in ("、", "和", "及", "或"):
                j += 1
            group = recs[i : j + 1]
            if len(group) > 1 and "分别" in t[max(group[0].sent.start, group[0].q.start - 12) : group[0].q.start]:
                comps = [r.q.comparator for r in group]
                first, last = comps[0], comps[-1]
                fill = None
                if first not in ("=", "range") and all(c == "=" for c in comps[1:]):
                    fill = first
                elif last not in ("=", "range") and all(c == "=" for c in comps[:-1]):
                    fill = last
                if fill is not None:
                    for r in group:
                        if r.q.comparator == "=":
                            r.q = dataclasses.replace(r.q, comparator=fill)
            i = j + 1

    def _prefix_comparator_lists(self, recs: list[_Rec]) -> None:
        """上线不少于10家金融机构、100款金融产品: a comparator word before the first of a list of
        counted items (each with its own noun, joined by 、) covers the items after it."""
        t = self.t
        for i, r in enumerate(recs):
            if r.q.num_start <= r.q.start or r.q.comparator in ("=", "range", "~"):
                continue
            for nxt in recs[i + 1 :]:
                if nxt.sent is not r.sent or nxt.q.comparator != "=" or not _NOUN_THEN_LIST.fullmatch(t, recs[recs.index(nxt) - 1].q.end, nxt.q.start):
                    break
                nxt.q = dataclasses.replace(nxt.q, comparator=r.q.comparator)

    def _member_names(self, members: list[str]) -> list[str]:
        # 接待游客、实现旅游收入分别…: each member may carry its own verb
        split = [self._lead_verb(x) for x in members]
        if all(x is not None for x in split):
            return [x[1] for x in split if x is not None]
        first, last = members[0], members[-1]
        if len(last) > len(first) and any(w in last for w in _SHARED_MEASURE_START):
            # 制造业、数字经济核心产业增加值, 二氧化硫、化学需氧量排放总量: the shared part starts at
            # the measure's first word (增加值, 排放, 占…比重, 居民…), not at the last member's second word
            toks = self.tok.lcut(last, HMM=False)
            pos_w = len(toks[0]) if toks else 0
            for w in toks[1:]:
                if w in _SHARED_MEASURE_START:
                    shared = last[pos_w:]
                    if not any(x.endswith(shared) or any(v in x for v in _SHARED_MEASURE_START) for x in members[:-1]):
                        return [x + shared for x in members[:-1]] + [last]
                    break
                pos_w += len(w)
        toks_l = self.tok.lcut(last, HMM=False) if len(members) >= 3 else []
        if (
            len(toks_l) >= 2
            and (toks_l[-1] in self.nominal_verbs or toks_l[-1] in self.lex.lead_verbs)
            and all(len(x) >= 3 and not self._verbs_in(x) and not x.endswith(toks_l[-1]) for x in members[:-1])
        ):
            # 省级政务信息系统、自建非涉密业务专网、政务移动应用整合: the work named last is done on each
            return [x + toks_l[-1] for x in members[:-1]] + [last]
        if min(len(x) for x in members) >= 4 and len({x[-2:] for x in members}) == 1:
            # 新建装配式建筑面积比例、高星级绿色建筑比例: each member is a whole name with its own head
            return members
        if len(first) <= 3 and len(last) > len(first) + 1 and all(len(x) <= 3 for x in members[:-1]):
            # 城镇、农村居民人均可支配收入 / 交通、水利、能源领域投资额: short parallel members,
            # the last one's head after its own first word is shared (人参、食用菌全产业链产值)
            toks = self.tok.lcut(last, HMM=False)
            suffix = last[len(toks[0]) :] if len(toks) > 1 else last[len(first) :]
            return [x + suffix for x in members[:-1]] + [last]
        if len(last) > len(first) + 1:
            toks = self.tok.lcut(last, HMM=False)
            if len(toks) >= 2 and all(len(x) > 3 for x in members[:-1]):
                # 项目招引、重大项目开工、重大项目竣工贡献度: the last word (the measure) is shared
                shared = toks[-1]
                if len(shared) == 1 and len(toks) >= 3 and (
                    toks[-2] in self.lex.lead_verbs or toks[-2] in self._lexicon_verbs or toks[-2] in self.nominal_verbs
                ):
                    shared = toks[-2] + shared  # 美丽河湖、美丽海湾建成率: the rate names what it counts
                return [x + shared for x in members[:-1]] + [last]
        pg = _PER_OUTPUT.match(first)
        if pg is not None and pg.end() < len(first) and not any(x.startswith(pg.group(0)) for x in members[1:]):
            # 单位国内生产总值能耗和二氧化碳排放: per unit of output, for every member
            return [first] + [pg.group(0) + x for x in members[1:]]
        short = min(len(x) for x in members[1:-1]) if len(members) > 2 else None
        if len(first) > len(last) + 1 and (short is None or len(first) > short + 1):
            toks = self.tok.lcut(first, HMM=False)
            if len(toks) >= 2:
                prefix = "".join(toks[:-1])
                return [first] + [prefix + x for x in members[1:]]
        if len(last) > len(first) + 1:
            toks = self.tok.lcut(last, HMM=False)
            if len(toks) >= 2:
                suffix = "".join(toks[1:])
                return [x + suffix for x in members[:-1]] + [last]
        return members

    def _qualitative(self, sent: Sentence, quants: list[_Rec]) -> list[_Rec]:
        out: list[_Rec] = []
        t = self.t
        if sent.stance_default != "target":
            return out
        if self.qual_pre is not None and self.qual_pre.search(t, sent.start, sent.end) is None:
            return out  # (none of the words every match contains)
        if self.qual_re.search(t, sent.start, sent.end) is None:
            return out
        has_target = any(r.kind != "qualitative" and r.sent.stance_default == "target" for r in quants)
        if not has_target and not _RX_TARGET_WORD.search(t, max(0, sent.start - 120), sent.end):
            return out
        if sent.stance_default != "target":
            return out
        for m in self.qual_re.finditer(t, sent.start, sent.end):
            a, b = m.span()
            if any(r.q.start < b and a < r.q.end for r in quants):
                continue
            marks = self._clause_marks(sent)
            i_mark = bisect.bisect_left(marks, a)
            cstart = marks[i_mark - 1] + 1 if i_mark else sent.start
            left = t[cstart:a]
            action = None
            vm = self._verbs_in(left)
            if vm and vm[-1][1] == len(left):
                action = vm[-1][2]
                left = left[: vm[-1][0]]
            metric = self._clean_metric(left)
            if m.group("c"):
                degrees = self.lex.cues["qualitative"]["degrees"]
                action = m.group("c")
                for w in sorted(degrees, key=len, reverse=True):
                    if action.startswith(w):
                        action = action[len(w) :]
                        break
            if m.group("t"):
                action = "完成"
                # 完成城镇就业市定目标任务 / 完成省、市下达的节能减排任务 / 全面完成国家下达的
                # 节能减排降碳约束性指标和环境质量改善目标: what is to be completed is named inside
                inside = self._task_targets(sent, m)
                if inside or not metric:
                    out.extend(inside)
                    continue
            if not metric or len(metric) > 20:
                continue
            q = Quantity(a, b, a, None, None, None, "=")
            r = _Rec(q=q, sent=sent, metric=metric, action=action, kind="qualitative")
            if action and (action in self.lex.change_up or action.endswith("增长")):
                r.direction = "up"
            out.append(r)
        return out

    def _task_targets(self, sent: Sentence, m: regex.Match[str]) -> list[_Rec]:
        """完成…下达的X任务 / 完成X市定目标任务: qualitative targets to complete an assigned task.

        The quote runs from after 完成 to the end of the task words (the labelling guide's
        examples); the metric is the task (节能减排任务) or, with no 下达/确定 clause, what the
        task is about (城镇就业); X和Y gives one record per member, on the same span.
        """
        t = self.t
        a = m.start() + m.group(0).index("完成") + 2
        b = m.end()
        tail = _TASK_TAIL.match(t, b)
        if tail is not None:
            b = tail.end()  # 目标任务: the whole run of task words
        more = _TASK_MORE.match(t, b)
        if more is not None:
            b = more.end()  # …约束性指标和环境质量改善目标: a second task joined by 和
        body = t[a:b]
        out: list[_Rec] = []
        dm = _ASSIGNED.search(body)
        if dm is not None:
            names = [x for x in regex.split(r"和|及|与", body[dm.end() :]) if x]
            if len(names) > 1 and not regex.search(r"(?:任务|目标|指标)$", names[0]):
                names = [body[dm.end() :]]  # (only members that each end in a task word are split)
            metrics = [_YEARLY.sub("", x) for x in names]
            if all(_TASK_TAIL.fullmatch(x) for x in metrics):
                return out  # 单位GDP能耗完成省下达的目标任务: the subject before 完成 names it
        else:
            own = _OWN_TASK.search(body)
            if own is None or own.start() == 0:
                return out
            metrics = [body[: own.start()]]
            a += own.start()
        q = Quantity(a, b, a, None, None, None, "=")
        for name in metrics:
            name = name.strip(" \t\n　，,、")  # (as worded: 目标 and 任务 are part of the name here)
            if name and len(name) <= 24 and _RX_WORDY.search(name):
                out.append(_Rec(q=q, sent=sent, metric=name, action="完成", kind="qualitative"))
        return out


# verbs that take spending (支出) as their object: 安排支出, 压减一般性支出
_SPENDING_VERBS = frozenset(
    ("安排", "增加", "减少", "压减", "压缩", "削减", "控制", "节约", "扩大", "加大", "保障", "保证", "列", "列入", "统筹", "优化", "调整", "新增")
)


def _is_level_verb(w: str) -> bool:
    """达到, 提高到, 控制在, 定为 …: a verb that sets a level (the figure is where the subject ends up)."""
    return w[-1] in "到至为在" or w.startswith("达")


def _unit_family(unit: str | None) -> str:
    if not unit:
        return ""
    if unit.endswith("%") or unit.endswith("百分点"):
        return "pct"
    return "other"


def _last(pattern: regex.Pattern[str], s: str, start: int = 0, end: int | None = None) -> regex.Match[str] | None:
    last = None
    for last in pattern.finditer(s, start, len(s) if end is None else end):  # noqa: B007 - the last match is wanted
        pass
    return last


def _horizon(ex: _Extractor, r: _Rec, year: int | None) -> tuple[int | str | None, bool]:
    t = ex.t
    rel = r.q.start - r.sent.start
    per_year = r.per_year or "年均" in t[max(r.sent.start, r.q.start - 12) : r.q.start]
    cues = ex._cues(r.sent)
    m = cues.last("to_year", rel)
    by = cues.last("bare_year", rel)
    fy = cues.last("fyp", rel)
    if fy is not None:
        # 从1953年到1980年的二十八年中…，六五计划把这个比例提高到36%: a plan named after the years rules its clause
        if by is not None and fy.start() >= by.end():
            by = None
        if m is not None and fy.start() >= m.end():
            m = None
    if by is not None and (m is None or by.start() > m.end()):
        # the clause's own year, unless a time word of the report's year comes between
        between = t[r.sent.start + by.end() : r.q.start]
        past = year is not None and int(by.group(1)) < year
        if (
            not _TIME_ANCHOR.search(between)
            # (2012年全年实现生产总值163亿元；…收入分别达到9807元: a past year holds over the
            # clauses after it; a year to come only over its own clause)
            and (past or ("；" not in between and ";" not in between))
            and not _BASE_OF_CHANGE.search(between)
        ):
            r.extra["own_year"] = True
            return int(by.group(1)), per_year
    if m is not None:
        return int(m.group(1) or m.group(2)), per_year
    span = cues.last("year_span", rel)
    if span is not None and not (fy is not None and fy.start() >= span.end()):
        return f"{span.group(1)}-{span.group(2)}", per_year
    if year is not None and year < 2000 and t.find("本世纪末", r.sent.start, r.q.start) >= 0:
        return 2000, per_year  # 到本世纪末…翻两番 in a report of the 1980s: the year 2000
    if fy is None and r.sent.section_fyp:
        fy = _last_fyp(r.sent.section_fyp)
    if fy is not None:
        if fy.group(2):
            n = _CN_ORD[fy.group(2)]
        else:
            n = 10 + (_CN_ORD[fy.group(1)] if fy.group(1) else 0)
        return fyp_period(n), per_year
    return year, per_year


def parse(
    text: str,
    *,
    year: int | None = None,
    region: str | None = None,
    level: str | None = None,
    doc_id: str | None = None,
    source_file: str | None = None,
    lexicon: Lexicon | None = None,
) -> Document:
    """Extract every quantified target (and achieved / forecast figure) from ``text``.

    Offsets in the records are into ``text`` exactly as given.
    """
    from . import __version__

    if not isinstance(text, str):
        raise TypeError(f"parse() needs str, not {type(text).__name__}")
    lex = lexicon or default_lexicon()
    meta = infer_metadata(text)
    if year is None:
        year = meta.year
    if region is None:
        region = meta.region
    if level is None:
        level = meta.level
    if not text.strip():
        return Document(
            doc_id=doc_id, source_file=source_file, region=region, level=Level(level) if level else None, year=year,
            title=meta.title, extractor_version=__version__,
        )
    norm = normalize(text)
    years = ascii_years(norm.text)
    if years != norm.text:
        norm = dataclasses.replace(norm, text=years)
    sentences = split_sentences(norm, year=year, lex=lex)
    ex = _Extractor(norm, lex, year)
    # A text with no prospective word anywhere (今年, 目标, 力争, 要, 将, 计划 …) reports results:
    # a news digest of last year, a review excerpt.
    # (Only for whole texts: a single sentence passed in carries no such context.)
    prospective = (
        len(norm.text) < 300
        or _PLAN_CUE.search(norm.text) is not None
        or _DOC_PLAN_WORDS.search(norm.text) is not None
    )
    recs = ex.run(sentences)
    # (a report given at its year's end: a clause's own year is that under review, not a target year)
    own_year_min = year + 1 if year is not None and announces_next_year(norm.text, year) else year
    region_re = _region_prefix(region)
    targets: list[Target] = []
    ids: dict[int, str] = {}
    for i, r in enumerate(recs):
        ids[id(r)] = f"t{i + 1}"
    by_sent: dict[int, list[_Rec]] = {}
    for r in recs:
        by_sent.setdefault(id(r.sent), []).append(r)
    for i, r in enumerate(recs):
        s, e = norm.to_original(r.q.start, r.q.end)
        stance = r.sent.stance_for(r.q.start - r.sent.start)
        if stance == "target" and r.extra.get("forecast"):
            stance = "forecast"
        if stance == "target" and (r.extra.get("baseline") or r.extra.get("achieved")):
            stance = "achieved"
        horizon, per_year = _horizon(ex, r, year)
        if stance == "target" and year is not None and _horizon_end(horizon) < year:
            stance = "achieved"  # 到2005年… or “十五”时期… in a 2006 report: results, not targets
        if (
            stance == "achieved"
            and r.extra.get("own_year")
            and year is not None
            and isinstance(horizon, int)
            and own_year_min is not None
            and horizon >= own_year_min
            and r.sent.section_mode != "review"
            and not (r.extra.get("baseline") or r.extra.get("achieved"))
        ):
            stance = "target"  # 一九五八年只生产80万千瓦，一九五九年将生产280万千瓦: the clause's own year rules
        if stance == "target" and not prospective:
            stance = "achieved"
        if stance == "achieved" and year is not None and horizon == year:
            horizon = year - 1  # a result reported without its own year is last year's
        parent = None
        if r.parent_idx is not None:
            sib = [x for x in by_sent[id(r.sent)] if x.kind != "qualitative"]
            if 0 <= r.parent_idx < len(sib):
                parent = ids.get(id(sib[r.parent_idx]))
        metric = r.metric
        if metric and region_re is not None:
            # 上海市生产总值 in Shanghai's own report: the report's region is no part of the metric
            rm = region_re.match(metric)
            if rm is not None and len(metric) - rm.end() >= 2:
                metric = metric[rm.end() :]
        if metric is not None:
            # metric as worded in the original (traditional characters and full-width kept, noise removed)
            metric = _as_worded(norm, metric, r, overlap=r.kind == "qualitative")
        conf = r.confidence if stance == r.sent.stance_default else r.confidence * 0.9
        unit = _unit_as_worded(norm, r.q)
        bu = base_unit(unit)
        value_base = None
        if r.q.value is not None and bu is not None:
            value_base = float(f"{r.q.value * bu.factor:.12g}")
            if not math.isfinite(value_base):
                value_base = None
        # (built in the field order of Target, each value in its validated form: see _trusted_target)
        targets.append(
            _trusted_target(
                {
                    "id": f"t{i + 1}",
                    "start": s,
                    "end": e,
                    "text": text[s:e],
                    "metric": metric,
                    "action": _as_worded(norm, r.action, r, overlap=True),
                    "kind": _KINDS[r.kind] if r.kind in _KINDS else Kind(r.kind),
                    "direction": (
                        (_DIRECTIONS[r.direction] if r.direction in _DIRECTIONS else Direction(r.direction))
                        if r.direction and r.kind in ("change", "qualitative")
                        else None
                    ),
                    "value": _tidy_number(r.q.value),
                    "value_max": _tidy_number(r.q.value_max),
                    "unit": unit,
                    "comparator": (
                        None
                        if r.kind == "qualitative"
                        else _COMPARATORS[r.q.comparator] if r.q.comparator in _COMPARATORS else Comparator(r.q.comparator)
                    ),
                    "stance": _STANCES[stance] if stance in _STANCES else Stance(stance),
                    "horizon": horizon,
                    "hedge": r.hedge,
                    "parent": parent,
                    "optional": False,
                    "section": r.sent.section,
                    "sentence": None,
                    "per_year": per_year,
                    "indicator": indicator_for(metric),
                    "value_base": value_base,
                    "base_unit": bu.unit if bu is not None else None,
                    "confidence": float(round(conf, 2)),
                }
            )
        )
    return Document(
        doc_id=doc_id,
        source_file=source_file,
        region=region,
        level=Level(level) if level else None,
        year=year,
        targets=targets,
        title=meta.title,
        extractor_version=__version__,
    )


# value → member, looked up directly (calling the Enum class costs ~1 µs per field and record);
# a value not in a table still goes through the class (and its error)
_KINDS = {m.value: m for m in Kind}
_DIRECTIONS = {m.value: m for m in Direction}
_COMPARATORS = {m.value: m for m in Comparator}
_STANCES = {m.value: m for m in Stance}


def _region_prefix(region: str | None) -> regex.Pattern[str] | None:
    """The report's own region at the start of a metric (上海, 上海市, 全市 are said the same way)."""
    if not region:
        return None
    core = regex.sub(r"(?:维吾尔|壮族|回族)?(?:自治区|特别行政区|省|市|区|县|新区|高新区|开发区)$", "", region.strip())
    if len(core) < 2 or not regex.fullmatch(r"\p{Han}+", core) or core in ("国务院", "全国", "中国", "中央"):
        return None
    # (with its administrative suffix: 吉林鲜食玉米 is a brand, 吉林省粮食产量 the province's; without
    # it only before a statistical indicator's first word: 上海地方财政收入, 深圳全年固定资产投资)
    return regex.compile(
        rf"{regex.escape(core)}(?:(?:市|省|区|县|新区)(?=\p{{Han}})|(?:(?:19|20)\d\d年)?(?:全年)?(?={_INDICATOR_STARTS}))"
    )


def _horizon_end(h: int | str | None) -> int:
    if isinstance(h, int):
        return h
    if isinstance(h, str) and h[-4:].isdigit():
        return int(h[-4:])
    return 10_000


def _unit_as_worded(norm: Normalized, q: Quantity) -> str | None:
    """The unit in the original's characters (億元 stays 億元) when it stands whole in the quote."""
    if not q.unit:
        return q.unit
    pos = norm.text.rfind(q.unit, q.start, q.end)
    if pos < 0:
        return q.unit
    return norm.clean_original(pos, pos + len(q.unit)).translate(_FULLWIDTH)


_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})


def _as_worded(norm: Normalized, word: str | None, r: _Rec, *, overlap: bool = False) -> str | None:
    """``word`` (found in the normalised sentence) in the original's characters.

    Traditional characters and full-width forms stay as written, noise such as pinyin is
    left out.  Looked for before the quantity first, then after it; ``overlap`` lets an
    action such as 突破 lie inside the quote.
    """
    if not word:
        return word
    t = norm.text
    pos = t.rfind(word, r.sent.start, r.q.end if overlap else r.q.start)
    if pos < 0:
        pos = t.find(word, r.q.start if overlap else r.q.end, r.sent.end)
    if pos < 0:
        return word
    return norm.clean_original(pos, pos + len(word))


def extract(text: str, **kwargs: object) -> list[Target]:
    """The records of :func:`parse` as a list."""
    return parse(text, **kwargs).targets  # type: ignore[arg-type]
