"""The warning signs the checker looks for, with their weights: one table, read top to bottom.

A sign counts only where the message asks for the thing, not where it warns against it:
"切勿向陌生账户转账" and "never share this code" turn their sign off (see `negated`), and so
does a sentence that describes a scam to warn about it ("……的，都是诈骗"). An `ask` is a sign
that asks the reader to act (move money, give a code, install, open a link, share a
screen); a message that claims to be an anti-fraud warning and makes such an ask is an
impostor, whatever else it says.

Patterns read the message lower-cased, full-width letters and digits made plain, and
Traditional characters as Simplified, with every character where it was, so that each
sign can mark the words that raised it.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import contacts


@dataclass(frozen=True)
class Signal:
    code: str
    weight: float
    title: str
    explanation: str
    patterns: tuple = ()
    ask: bool = False  # asks the reader to act: an official-looking message with one is an impostor
    negatable: bool = True
    done_turns_off: bool = False  # "已经转过去了": money already sent is a report, not an ask


def _any(*alternatives):
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives), re.IGNORECASE)


NUMBER = r"[\d一二两三四五六七八九十百千万.,，]+"
CODE = r"验证码|短信码|动态码|校验码|动态密码|取件码?|密码|口令"
EN_CODE = r"(?:verification |security |one[- ]time |sms |login |confirmation |6-digit )?(?:code|otp|password|pin)\b"

SIGNALS = [
    Signal(
        "safe_account",
        4,
        _("A “safe account”"),
        _("There is no such thing as a “safe account”. Anyone who asks you to move money into one is a fraudster."),
        (
            _any(
                r"(?:存款|资金|钱)[^。！？\n]{0,8}(?:集中|归集)到|安全账户|安全帐户|监管账户|资金清查|清查资金|资金核查|核查资金|国家账户|专用账户|保护账户|资金保护|验资",
                r"(?:consolidate|gather|pool|move) (?:all )?(?:of )?(?:your )?(?:money|savings|funds) (?:in|into|onto) (?:one|a single)"
                r"|\bsafe account|secure account|supervis\w* account|state account|protected account|holding account",
                r"(?:check|verify|inspect|clear)\w* (?:your |the )?(?:funds|money|savings)",
            ),
        ),
        ask=True,
    ),
    Signal(
        "transfer",
        4,
        _("It asks you to move money"),
        _(
            "Police, courts, banks, shops and employers never settle a problem by having you transfer money "
            "during a call or a chat."
        ),
        (
            _any(
                r"(?:转(?:账|帐)?(?:到|至|入(?!账)|进)|汇(?:款)?(?:到|至|入)|打(?:款|钱)?到)(?!(?:你|您)(?:的)?(?:工资)?卡)|转(?:账|帐)?(?:给我|给他|过来|过去)|汇(?:款)?给|把(?:钱|余额|存款|资金)[^，。！？\n]{0,6}(?:转|汇|打|存)",
                rf"转\s*{NUMBER}\s*(?:万|元|块|千)?[^，。！？\n]{{0,8}}?到|先转|转一笔|存入[^，。！？\n]{{0,6}}(?:账户|卡)|付款到|充值到|转账给",
                r"(?:从|用)[^，。！？\n]{0,6}账户(?:里)?转",
                r"\btransfer (?:the |your |all |some |it |them |this |that |\d[\d,.]*|money|funds|savings|balance)"
                r"[^.!?\n]{0,30}?\b(?:to|into)\b",
                r"\b(?:send|wire|remit|move|pay) (?:me |us |him |her )?(?:the |your |all |some )?(?:money|funds|savings"
                r"|balance|\d[\d,.]*(?: yuan| rmb| cny)?)[^.!?\n]{0,30}?\b(?:to|into)\b",
                r"\bpay (?:it |them )?(?:into|to) (?:this|the following|our|a|my)\b|\bdeposit [^.!?\n]{0,20}\binto\b",
                r"\b(?:send|pay|transfer) (?:this month'?s |the |your |our )?(?:rent|payment|balance|deposit|invoices?|fees?|amount"
                r"|outstanding \w+)\b[^.!?\n]{0,30}?\b(?:to|into)\b|\bremit\b",
            ),
        ),
        ask=True,
        done_turns_off=True,
    ),
    Signal(
        "borrow",
        2,
        _("It asks to borrow money"),
        _("A request to borrow money by message is checked by calling the person on a number you already had."),
        (
            _any(
                rf"借(?:我|给我)\s*{NUMBER}|借(?:点|些)钱|借[^，。！？\n]{{0,4}}(?:块|元|万)|周转一下|帮我垫(?!的|了)",
                r"\blend me\b|\bborrow (?:some |a little )?(?:money|cash|\d)|\bspot me\b|\bloan me\b",
            ),
        ),
        ask=True,
    ),
    Signal(
        "code",
        4,
        _("It asks for a verification code"),
        _(
            "A verification code is the key to your account. No bank, police officer or customer service "
            "will ever ask you for it."
        ),
        (
            _any(
                rf"(?:告诉|发给(?!你|您)|发我|报给|报一下|念给|念一下|读给|提供|回复|输入|填写|告知|说出|截图)[^。！？\n]{{0,10}}(?:{CODE})",
                rf"(?:{CODE})(?:(?!请勿|不要|切勿|勿|别|不)[^。！？\n]){{0,8}}(?:告诉|发给(?!你|您)|发我|报给|念给|读给|提供|回复|给我|发过来|截图|报一下)",
                rf"\b(?:tell|give|send|read|share|forward|provide|enter|type|reply|text)\b[^.!?\n]{{0,50}}?{EN_CODE}",
                rf"{EN_CODE}[^.!?\n]{{0,20}}?\b(?:to me|to us|back to|over to)\b",
            ),
        ),
        ask=True,
    ),
    Signal(
        "personal_details",
        3,
        _("It asks for your card or ID details"),
        _("Card numbers, passwords, ID numbers and face scans are never asked for by message or on a linked page."),
        (
            _any(
                r"(?:提供|告诉|发|填写|输入|登记|上传|核对|录入|完善)[^。！？\n]{0,10}(?:身份证号|身份证|银行卡号|卡号|cvv|有效期|人脸|手持|个人信息)",
                r"\b(?:enter|provide|confirm|send|give|verify|update|fill in|submit)\b[^.!?\n]{0,30}?\b(?:card number|card "
                r"details|bank details|id number|id card|identity|cvv|expiry date|face scan|personal details)\b",
            ),
        ),
        ask=True,
    ),
    Signal(
        "screen_sharing",
        4,
        _("It asks you to share your screen"),
        _(
            "Sharing your screen lets the other person watch the codes and passwords you type. "
            "Never share your screen with someone you do not know."
        ),
        (
            _any(
                r"共享屏幕|屏幕共享|分享屏幕|开启共享|打开共享|远程控制|远程协助",
                r"share (?:your |my |the )?screen|screen[- ]?shar|remote (?:control|access|desktop|assistance)"
                r"|anydesk|teamviewer",
            ),
        ),
        ask=True,
    ),
    Signal(
        "app",
        3,
        _("It asks you to install an app"),
        _(
            "An app from a link or a stranger can read your messages or let someone control your phone. "
            "Install apps only from your phone's own store, and never because a stranger asks."
        ),
        (
            _any(
                r"(?:下载|安装|装一个|装个)(?!的|了)[^。！？\n，,]{0,12}?(?:app|软件|应用|apk|客户端|程序|插件|会议|zoom)|\.apk\b|下载(?:链接|地址)",
                r"\b(?:download|(?:re-?)?install|get)\b[^.!?\n]{0,30}?\b(?:app|application|software|apk|client|program|zoom|meeting)\b"
                r"|\.apk\b",
            ),
        ),
        ask=True,
    ),
    Signal(
        "qr_payment",
        3,
        _("It asks you to scan a code to pay or “verify”"),
        _(
            "A QR code from a stranger, a group or a game can take money from your payment app. "
            "No real verification works by scanning someone's code."
        ),
        (
            _any(
                r"扫(?:码|描|一扫|二维码)[^。！？\n]{0,10}?(?:付|支付|缴|交|转|验证|认证|解冻|激活|领取|退款|解封|核实|办理|开通|加入|报名)",
                r"收款码|付款码|二维码[^。！？\n]{0,6}(?:缴|交|付)",
                r"\bscan\b[^.!?\n]{0,30}?\b(?:pay|verify|verification|unlock|unfreeze|claim|refund|confirm|join|sign up|activate|register)\b|payment (?:qr )?code",
                r"(?:fee|fees|yuan|payment)\b[^.!?\n]{0,60}\bscan (?:the |this |my )?(?:qr|code)",
            ),
        ),
        ask=True,
    ),
    Signal(
        "upfront_fee",
        3,
        _("You must pay something first"),
        _(
            "Paying a fee, a deposit or a tax before you receive a loan, a prize, a refund or a job is the mark "
            "of a scam."
        ),
        (
            _any(
                r"保证金|手续费|解冻费|解冻金|认证金|先交|先付|先缴|工本费|激活费|会员费|认证费|公证费|刷流水|提现费|通道费|解封费|保价费|培训费|服装费|体检费|资料费|开通费|"
                r"(?:需|要|须|得)(?:先)?(?:交|缴|缴纳|支付|补缴)[^。！？\n]{0,8}(?:费|金)|(?:先|付|交|转)[^。！？\n]{0,3}(?:定金|订金|押金)|"
                r"个人所得税[^。！？\n]{0,6}(?:才能|后)|(?:验证|证明)还款能力|(?:先|需要?|要)存入\s*[\d一二两三四五六七八九十百千万]+|缴纳[^。！？\n]{0,6}(?:才能|后才)|垫付|才能(?:解冻|提现|放款|到账|退回)",
                r"\bupfront|up-front|processing fee|unlock(?:ing)? fee|release fee|handling fee|verification fee|activation fee"
                r"|clearance fee|withdrawal fee|prove (?:you can|your ability to) repay|pay (?:a |the )?(?:fee|tax|deposit) (?:first|before)|\bdeposit (?:first|now)"
                r"|\b(?:pay|send|transfer|need|needs|requires?)\b[^.!?\n]{0,20}\d[\d,]* (?:yuan )?deposit|training fee|registration fee|insurance fee|\bfee of",
            ),
        ),
        ask=True,
    ),
    Signal(
        "guaranteed_returns",
        3,
        _("Guaranteed or unusually high returns"),
        _("No real investment guarantees a profit. “Can't lose” and “inside tips” are how investment scams begin."),
        (
            _any(
                r"稳赚|包赚|保本|零风险|无风险|高回报|高收益|日赚|躺赚|翻倍|收益率?\s*(?:达|高达)?\s*\d+\s*%|内部消息|内幕|带单|"
                r"必涨|稳定收益|只赚不赔|(?:从来|从)没(?:有)?亏过?|只赚不亏|挖矿|矿机|回报率|稳拿|包赢|百分百|稳赢|返息|年返|月返|每月返|收益至少|保底|漏洞|点位|打板|连板|核心群|"
                r"期货|外汇|数字货币|虚拟币|usdt|内部数据|投资[^。！？\n]{0,10}(?:每月|每年|年)返|年化",
                r"guaranteed (?:return|profit|income|gain)|risk[- ]free|can'?t lose|no risk|double your|high returns?"
                r"|insider (?:tip|info)|\d+\s?% (?:daily|a day|per day|a week|weekly|a month|monthly|returns?)"
                r"|passive income|(?:i(?:'ve)?|we(?:'ve)?) never lost|mining (?:app|machine|pool|rig)|sure profit|doubled? my money|100% (?:success|win)|guaranteed wins?"
                r"|mentor|\d+\s?% (?:return|profit|interest)|forex|crypto|usdt|futures|insider|guaranteed \w+|at least \d+\s?%|\d+\s?% (?:annual|annualized|yearly|monthly|daily) (?:return|yield|interest|profit)"
                r"|\d+\s?% a (?:year|month|week|day)|invest [\d,.]+ (?:yuan )?and (?:get|receive|earn)",
            ),
        ),
    ),
    Signal(
        "recruiting",
        1.5,
        _("You are asked to bring in others"),
        _("Rewards for recruiting friends or “team members” mean the money comes from the next victims."),
        (
            _any(
                r"拉人头|发展下线|下线|邀请好友[^。！？\n]{0,6}(?:奖|返|赚)|拉新|团队长|拉人|拉亲戚|提成|带(?:你|朋友)一起",
                r"\brecruit|invite (?:your )?(?:friends|others|people)|downline|referral (?:bonus|reward)"
                r"|bring in (?:friends|members|people|two|three|more)|(?:relatives|family|friends) (?:join|invest|sign up)",
            ),
        ),
    ),
    Signal(
        "secrecy",
        2.5,
        _("You are told to keep it secret"),
        _(
            "Being told to tell no one, not even your family or the bank's staff, is how fraudsters stop "
            "anyone from warning you."
        ),
        (
            _any(
                r"(?:不要|别|不能|不许|不准|切勿|请勿|勿)(?:把|将)?[^。！？\n]{0,8}?(?:告诉|透露|说给|声张|外传|讲给|跟[^。！？\n]{0,6}说|和[^。！？\n]{0,6}说)",
                r"保密|秘密|不要声张|一个人(?:去|来|办)|单独(?:去|来|办)",
                r"\b(?:don['’]?t|do not|not to|never) (?:tell|mention|say)\b|tell no ?one|keep (?:it|this) (?:a )?(?:secret|quiet"
                r"|between us|confidential)|confidential|between (?:us|you and me)|\bsecret\b",
            ),
        ),
        ask=True,
        negatable=False,
    ),
    Signal(
        "stay_on_line",
        2.5,
        _("You are kept on the line or sent somewhere alone"),
        _("Fraudsters keep you talking, or send you to a hotel room, so that no one can stop the payment."),
        (
            _any(
                r"不要挂(?:断)?(?:电话)?|别挂|不许(?:我)?挂|保持通话|保持联系不要|找个(?:没人|安静|隐蔽)的地方|开(?:个)?房间|去酒店",
                r"don['’]?t hang up|stay on the line|keep the line open|go (?:somewhere|to a) (?:quiet|private|alone)"
                r"|hotel room|check into a hotel",
            ),
        ),
        negatable=False,
    ),
    Signal(
        "urgency",
        1,
        _("You are rushed"),
        _("Pressure to act at once is meant to stop you from thinking and checking. A real matter can wait."),
        (
            _any(
                r"马上|立即|立刻|赶紧|赶快|尽快|抓紧|\d+\s*个?小时内|今天之内|今日内|限时|逾期|否则|来不及|名额有限|最后一天|急需|火速",
                r"immediately|right (?:now|away)|\burgent|at once|as soon as possible|\basap\b|within \d+ (?:hours?|minutes?)"
                r"|today only|or else|otherwise|last chance|limited (?:time|places)",
            ),
        ),
    ),
    Signal(
        "threat",
        2,
        _("You are threatened with the law or a frozen account"),
        _("Police and courts do not handle cases by phone or chat, and never threaten arrest to get money."),
        (
            _any(
                r"涉嫌|洗钱|通缉|逮捕|拘留|立案|传唤|起诉|黑名单|征信(?:受损|有问题|污点|不良|受影响)|传票|犯罪|涉案|违法|"
                r"冻结(?:你|您)?的?(?:账户|银行卡|资金|卡)|账户(?:将|会)?被冻结|限制(?:出行|出境|高消费)|坐牢",
                r"money laundering|\barrest|warrant|\bfrozen\b|\bfreez|lawsuit|legal action|criminal|blacklist"
                r"|credit (?:record|score) (?:will|would|is)|\bsued?\b|\bjail\b|prosecut|under investigation"
                r"|reported to the credit",
            ),
        ),
    ),
    Signal(
        "authority",
        1,
        _("It claims to come from an authority"),
        _("Anyone can claim to be the police, a court or an official body. Check by calling its number yourself."),
        (
            _any(
                r"公安局|派出所|警官|民警|检察院|检察官|法院|法官|医保局|社保局|税务局|海关|市场监管|网警|专案组|经侦|刑警|纪委|监察|监委|部队|武警|消防|车管所|"
                r"我是[^。！？\n]{0,6}(?:局长|书记|主任|处长|科长|领导|校长|院长|总经理|老板|班主任|老师)",
                r"\bpolice\b|\bofficer\b|detective|\bcourt\b|prosecutor|customs|tax bureau|inspector|investigator|immigration"
                r"|discipline inspection|credit bureau|army|military|armed police|fire brigade"
                r"|procuratorate|medical insurance bureau|social security bureau",
            ),
        ),
    ),
    Signal(
        "new_contact",
        1.5,
        _("It moves you to a new number or a private chat"),
        _(
            "“This is my new number” and “add me on WeChat” move you away from the contact you could check. "
            "Call the person on the number you already had."
        ),
        (
            _any(
                r"加(?:我|一下)?(?:的)?(?:微信|qq|好友)|加一下[^。！？\n，,]{1,6}?(?:的)?(?:微信|qq)|添加[^。！？\n]{0,6}(?:微信|qq|客服|专员|好友)|私聊|新号码|新号|新微信|换号|"
                r"这是我的新|换了?(?:个|一个)?(?:号码|手机号|微信)|telegram|whatsapp|进群|拉你进",
                r"add (?:me|us|our \w+|(?:the|this|my) (?:\w+ ){0,2}\w+) (?:on|via) (?:wechat|qq|whatsapp|telegram)|add (?:this|my|our) (?:wechat|qq)|new (?:number|phone|wechat|account)(?! manager)"
                r"|message me privately|(?:contact|add) (?:our |the )?(?:agent|specialist|advisor)|join (?:our|the|this) group",
            ),
        ),
        ask=True,
    ),
    Signal(
        "prize",
        1.5,
        _("A prize, gift or free reward"),
        _("Prizes you never entered for, free game skins and giveaways that ask for payment or codes are bait."),
        (
            _any(
                r"中奖|恭喜(?:您|你)?(?:获得|成为|中|被选)|幸运(?:用户|观众|粉丝)|免费领|领取[^。！？\n]{0,4}(?:奖|礼|皮肤)|奖品|抽奖|免费送|"
                r"福利|返利|返现|签名照|应援|粉丝认证|见面会|积分(?:兑换|兑现|清零|即将过期)",
                r"congratulations|you(?:'ve| have) (?:won|been selected)|\bprize|winner|free (?:gift|skin|reward|iphone)"
                r"|claim your|giveaway|cashback|rebate|signed (?:photo|merch)|points (?:for cash|expire|can be exchanged)",
            ),
        ),
    ),
    Signal(
        "easy_money",
        1.5,
        _("Easy money for simple tasks"),
        _("Pay for likes, reviews or “orders” that you fund yourself is order brushing, and it is always a scam."),
        (
            _any(
                r"刷单|点赞|关注[^。！？\n]{0,4}佣金|日结|兼职|佣金|动动手指|在家(?:就能)?赚|做任务|抢单|返佣",
                r"part[- ]time|commission|like (?:and|&) follow|daily pay|work from home|easy money|tasks? (?:to|and) earn"
                r"|advance (?:the )?payment|paid per (?:like|task|order)|complet\w* orders|earn [\d,.-]+ (?:a day|daily|per day)",
            ),
        ),
    ),
    Signal(
        "refund_offer",
        1.5,
        _("An unexpected refund, compensation or subsidy"),
        _("A refund you did not ask for, paid through a call or a link, is how refund scams begin."),
        (
            _any(
                r"(?:办理|申请|给您|为您|帮您|可以|赔付|补偿)[^。！？\n]{0,4}(?:退款|理赔|赔偿|退税|退费|补贴|赔付)|(?:双倍|三倍|两倍)(?:赔偿|理赔)",
                r"(?:可(?:以)?|能|还没)(?:领|领取|申请|退还|获得|退)[^。！？\n]{0,8}(?:补贴|返还|退税|退款|报销|赔偿|奖金|现金|购置税)|补贴[^。！？\n]{0,8}(?:审核通过|到账|领取)",
                r"(?:give|process|arrange|issue|offer) (?:you )?(?:a |your )?(?:refund|compensation|rebate)"
                r"|(?:double|triple|twice|three times) (?:the )?(?:compensation|refund)|claim (?:your )?(?:refund|compensation)"
                r"|(?:eligible|entitled|qualified) (?:for|to) (?:a )?(?:refund|subsidy|rebate|compensation)|subsidy|tax refund",
            ),
        ),
    ),
    Signal(
        "account_problem",
        1.5,
        _("A problem with your account, card or parcel"),
        _("A sudden problem that only a link, a call-back or a payment can fix is the usual opening of a scam."),
        (
            _any(
                r"(?:账户|账号|银行卡|医保卡|社保卡|etc|快递|包裹|身份证|驾驶证|信用卡)[^。！？\n]{0,8}(?:异常|失效|过期|冻结|停用|被盗用|被冒用|有问题|违规|注销|扣留|查扣|禁运)",
                r"注销[^。！？\n]{0,6}(?:校园贷|学生账户|账户|会员|百万保障)|(?:etc)[^。！？\n]{0,8}(?:认证|激活)",
                r"(?:account|card|etc|licen[cs]e|parcel|package|credit line|permit)\b[^.!?\n]{0,45}?\b(?:suspended|frozen|locked"
                r"|expired|invalid|compromised|abnormal|restricted|held|seized|detained|deactivated|unbound|unlinked|flagged"
                r"|non-compliant|irregular|error)",
                r"cancel (?:your )?(?:student|campus) (?:loan|account)",
                r"(?:card|account|id|passport) (?:has|had) been used|credit (?:score )?(?:was|is) too low",
            ),
        ),
    ),
    Signal(
        "family_emergency",
        1.5,
        _("A family member in sudden trouble"),
        _("A child or grandchild in trouble who needs money now is checked by calling them on their own number."),
        (
            _any(
                r"(?:爸|妈|奶奶|爷爷|外婆|外公|姥姥|姥爷|舅|姑|姨)[，,]?\s*我是|在我(?:这儿|这里|手上)|扣住|救我|听不出(?:来)?(?:我|是我)|猜猜我是谁|(?:你|您)(?:儿子|女儿|孩子|孙子|孙女)[^。！？\n]{0,6}(?:出事|在我|被|住院|车祸)|出车祸|打架|被抓|被扣|急需",
                r"(?:mum|mom|dad|grandma|grandpa|granny),? (?:it'?s|this is) me|(?:your|ur) (?:son|daughter|grandson|granddaughter)"
                r"[^.!?\n]{0,20}(?:accident|arrested|hospital|in trouble|hurt)|car accident|got arrested|urgently need"
                r"|recogni[sz]e my voice|guess who",
            ),
        ),
    ),
]
SIGNALS += [
    Signal(
        "money_demand",
        3,
        _("It asks you for a sum of money"),
        _("A message that names a sum for you to send, pay or get ready is asking for your money. Check first."),
        (
            _any(
                rf"(?<![实已应支付自])(?:转|打|汇|交|付|准备|拿出|凑|垫|出)(?:个|上)?\s*{NUMBER}\s*(?:万|元|块|千|美元|w\b)",
                r"(?:先)?(?:借|垫)(?:他|她|给他|给她)|先垫|垫资|垫付",
                r"(?:凑|准备)[^。！？\n]{0,4}钱|再充|充值[^。！？\n]{0,10}才能",
                r"(?:取|提)(?:出)?(?:现金|钱)[^。！？\n]{0,12}(?:交给|保管)|交给[^。！？\n]{0,10}(?:保管|民警|工作人员|上门)",
                r"hand (?:it|the cash|the money|your savings) (?:over )?to|withdraw (?:the |your |all |of )*(?:cash|money|savings)",
                r"\bget the money (?:ready|together)|\d[\d,.]*(?: yuan)? sent\b|\bdeposit (?:the same|again|more)",
                r"(?<!i'll )(?<!i will )(?<!i can )\b(?:send|transfer|wire|pay|prepare|get|bring|deposit|lend|need) (?:me |us |him |her )?(?:a |the )?"
                r"(?:\$|¥|rmb ?|cny ?|usd ?)?\d[\d,.]*(?:k\b| yuan| rmb| dollars| usd| us dollars)?",
            ),
        ),
        ask=True,
        done_turns_off=True,
    ),
    Signal(
        "payee_change",
        3,
        _("It says the account to pay has changed"),
        _(
            "A new account for rent, invoices or fees, announced by message, is checked by calling on a number you already had."
        ),
        (
            _any(
                r"(?:账户|账号|卡)(?:已|已经)?(?:销户|注销|挂失|停用|不用了)|新(?:的)?(?:账户|账号|收款)|换了(?:个|张)?(?:收款)?(?:账户|卡)|换(?:个|张)收款|改付|改(?:打|转|汇)到|转这张|(?:以后|下个月起|从本月起)[^。！？\n]{0,8}转",
                r"pay (?:it |them |this )?(?:to|into) (?:our|the|my) (?:new|other|sister|affiliated|partner) (?:[\w'’]+ )?account"
                r"|new (?:bank )?(?:account|payment details|bank details)(?! manager)|(?:account|bank details) (?:has|have) changed"
                r"|pay (?:\w+ ){0,3}to the new|changed? (?:our|my) bank|changed banks|use this (?:one|account)|account holder is",
            ),
        ),
        ask=True,
    ),
    Signal(
        "intimidation",
        3,
        _("You are threatened"),
        _("Threats of harm, with an order not to call the police, are extortion. Call 110 at once."),
        (
            _any(
                r"后果自负|收拾你|废你|消灾|买你(?:一条|一只)?(?:腿|手|胳膊)|知道你(?:住哪|在哪|家在|单位在)|(?:别|不要|不许|不准|敢)(?:找警察|报警)|识相|别耍花样|见不到(?:他|她)|撕票",
                r"don'?t (?:call|contact|tell) the police|no police|or (?:you'll|you will) never see|you know what happens"
                r"|we know where you (?:live|work)|pay up or|paid (?:for|to have) your (?:hand|leg|arm)|have your (?:leg|hand|arm)s? broken",
            ),
        ),
        negatable=False,
    ),
    Signal(
        "pay_personal",
        3,
        _("It asks you to pay a person, not the organisation"),
        _(
            "Schools, shops and offices collect fees through their own official channels, never to a person's own account or code."
        ),
        (
            _any(
                r"(?:转|付|交)(?:到|给|我)?(?:我)?(?:的)?个人(?:微信|账户|账号|支付宝|卡)|个人收款码|直接扫码|扫(?:这个|我的)?码(?:交|缴|付)",
                r"(?:my|a) personal (?:wechat|account|alipay|payment code|qr)|pay (?:me )?directly (?:by|via|through) (?:this )?(?:qr|code)",
            ),
        ),
        ask=True,
    ),
    Signal(
        "guided_payment",
        3,
        _("It wants to guide you through your payment app"),
        _("Someone who talks you through your banking or payment app, step by step, is moving your money."),
        (
            _any(
                r"(?:打开|开启)(?:手机银行|微信|支付宝|支付软件|网银)|我(?:来)?教(?:您|你)[^。！？\n]{0,8}(?:操作|点)|按(?:我|他)说的[^。！？\n]{0,6}(?:点|操作)|一步步|"
                r"按[^。！？\n]{0,4}(?:指引|指示|指导)操作|指导(?:您|你)操作",
                r"open (?:your )?(?:payment|banking|bank|alipay|wechat) (?:app|wallet)|walk you through|follow my instructions"
                r"|step by step",
            ),
        ),
        ask=True,
    ),
    Signal(
        "click_link",
        2,
        _("It asks you to open a link"),
        _("A link in an unexpected message often leads to a fake page. Type the official address yourself."),
        (
            _any(
                r"点(?:击|开|一下)?(?:里面的|短信里的|下方|以下|这个|该)?链接|链接(?:领取|办理|认证|激活|填写|登录)|(?:我|我们)发(?:给)?(?:您|你)的链接",
                r"\b(?:click|tap|open|follow|visit) (?:on )?(?:the |this |our )?(?:link|url)|link (?:below|above) to"
                r"|\blink (?:i|we)(?:'m| am| are|'ll| will)? ?(?:send|sent|text)",
            ),
        ),
        ask=True,
    ),
    Signal(
        "press_key",
        1.5,
        _("A recorded call that asks you to press a key"),
        _("Recorded calls from a “bank” or “court” that ask you to press a key put you through to fraudsters."),
        (_any(r"请?按\s*[0-9#*]\s*键?(?:转|咨询|了解|查询|人工)", r"\bpress \d (?:to|for)\b"),),
        ask=True,
    ),
    Signal(
        "reply_to_claim",
        2,
        _("It asks you to reply to claim something"),
        _(
            "Replying to claim a prize or a package can sign you up for paid messages or confirm your number to fraudsters."
        ),
        (
            _any(
                r"回复\s*[\"“”']?\w{1,4}[\"“”']?\s*(?:即可|即刻)?(?:确认|领取|订购|办理|参与|开通|兑换|激活)|信息费",
                r"reply [\"“']?\w{1,6}[\"”']? to (?:claim|confirm|receive|get|activate|subscribe|redeem|exchange)",
            ),
        ),
    ),
    Signal(
        "miracle_cure",
        2.5,
        _("A cure or health product that promises too much"),
        _("Products that “cure” diabetes or cancer, or free health talks that end in a sale, prey on older people."),
        (
            _any(
                r"祖传秘方|包治|治愈|停药|特效药|根治|老专家|送鸡蛋|保健品|神药|磁疗|量子|灵芝孢子",
                r"miracle|cures? (?:diabetes|cancer|blood pressure)|no more (?:medicine|pills)|stop taking|secret (?:formula|recipe)"
                r"|free (?:health )?(?:seminar|lecture|talk)|magnetic (?:therapy|mattress)|quantum",
            ),
        ),
    ),
    Signal(
        "rent_accounts",
        3,
        _("It wants to use your bank card, phone card or account"),
        _("Lending or selling your bank card, SIM card or account makes you part of a crime, and it is punished."),
        (
            _any(
                r"(?:收|租|借|卖|出)[^。！？\n]{0,6}(?:银行卡|电话卡|手机卡|对公账户|u盾|一类卡|微信号|支付宝号)|开(?:张|一张|个)?(?:银行)?卡给我|卡给我用|走流水|跑分|寄给我们|收购[^。！？\n]{0,8}(?:账户|卡)",
                r"open (?:a|an) (?:bank )?(?:card|account) for (?:me|us)|let (?:me|us) use your (?:bank )?(?:card|account)"
                r"|(?:rent|lend|sell|buy|borrow)(?: out)? (?:\w+ ){0,2}(?:bank cards?|bank accounts?|accounts?|sim cards?|phone cards?"
                r"|wechat accounts?|u-keys?)|run (?:funds|money|payments) through|receive (?:and forward )?(?:funds|payments) for"
                r"|receive (?:some )?money (?:on|in|into|through) your|send it on to",
            ),
        ),
        ask=True,
    ),
    Signal(
        "odd_job",
        2.5,
        _("A job that makes you the fraudsters' tool"),
        _(
            "Sending texts from your own phone, carrying a package or a device, or moving money for pay, makes you an accomplice."
        ),
        (
            _any(
                r"群发(?!布)|发(?:广告|推广)?短信[^。！？\n]{0,8}(?:一条|元|赚)|车里放(?:一个)?设备|开车带着|带着[^。！？\n]{0,8}(?:设备|增强器|机器)|包里的东西|背(?:一个)?(?:双肩)?包|信息推广员|取快递[^。！？\n]{0,6}(?:转交|送)",
                r"(?:texts|messages|sms) from (?:your|their) (?:own )?(?:phone|sim|number|mobile)s?|carry a (?:bag|package|device)"
                r"|don'?t open the (?:bag|package)|device in your car|drive around with",
            ),
        ),
        negatable=False,
    ),
    Signal(
        "fix_for_a_fee",
        2.5,
        _("An offer to fix your record or case for money"),
        _("No one can remove a credit record or a name from a case for a fee. Those who offer are fraudsters."),
        (
            _any(
                r"消(?:除)?[^。！？\n]{0,4}(?:逾期|不良记录|不良征信)|修复征信|征信修复|洗白|打点|摆平|疏通|名字[^。！？\n]{0,8}拿掉|内部渠道|内部折扣|内部票|内部名额",
                r"credit repair|(?:remove|wipe|erase|clean) (?:\w+ )?(?:the |your )?(?:late|overdue|negative|bad)|fix your credit"
                r"|raise (?:it|your (?:credit|score))|take your name off|make (?:it|this) go away"
                r"|internal channel|inside contact|insider channel",
            ),
        ),
    ),
    Signal(
        "designated_supplier",
        3,
        _("You must buy from a supplier they name"),
        _(
            "A large order that first needs you to buy special goods from their “designated” supplier is a scam on merchants."
        ),
        (
            _any(
                r"指定(?:的)?(?:厂家|酒商|供应商|商家|渠道|平台)|推荐的(?:厂家|供应商)|(?:先|帮忙)?进货|军供|特制",
                r"(?:designated|recommended|approved|our) (?:\w+ )?(?:supplier|factory|dealer|vendor|manufacturer)"
                r"|special (?:\w+ )?(?:kits|blankets|goods)|(?:from|through) (?:his|their|our) (?:\w+ )?supplier",
            ),
        ),
    ),
    Signal(
        "contraband",
        2.5,
        _("Your parcel or ID is said to be tied to a crime"),
        _(
            "Customs and couriers do not hand your case to the police by phone. Hang up and call the courier's own number."
        ),
        (
            _any(
                r"(?:包裹|快递|邮件|国际件)[^。！？\n]{0,20}(?:违禁品|毒品|护照|银行卡|走私|涉毒|假证)|(?:身份证|名下)[^。！？\n]{0,10}(?:办了|开了|注册了|新办)",
                r"(?:parcel|package|shipment)\b[^.!?\n]{0,60}\b(?:passports?|drugs|bank cards|prohibited|contraband|smuggl)"
                r"|(?:your|in your) name (?:was|has been) used|opened in your name|registered (?:under|in) (?:my|your) (?:name|passport|id)",
            ),
        ),
    ),
]
SIGNALS += [
    Signal(
        "off_platform",
        2.5,
        _("It takes the deal off the platform"),
        _(
            "Sellers who want payment by bank transfer or a private chat, outside the platform, leave you no protection."
        ),
        (
            _any(
                r"不走平台|平台外|私下(?:交易|转账)|(?:加|(?<!收)到)微信(?:交易|转账|付款)|绕开平台|只收(?:银行)?转账|内部(?:渠道|系统)",
                r"skip (?:the )?(?:platform|escrow)|bypass (?:the )?platform|bank transfer only|only (?:accept )?bank transfer|not on (?:taobao|the platform|jd)|outside the platform|off[- ]platform"
                r"|internal system|through (?:a|my) contact inside",
            ),
        ),
        ask=True,
    ),
    Signal(
        "overseas_job",
        2.5,
        _("A high-paid job abroad with travel paid"),
        _("“High-paid jobs” in Southeast Asia with flights and visas paid lead to forced work in scam compounds."),
        (
            _any(
                r"(?:出国|境外|海外|东南亚|缅甸|柬埔寨|老挝|迪拜)[^。！？\n]{0,12}(?:高薪|月薪|工作|招聘|务工)|包机票|包签证",
                r"(?:southeast asia|cambodia|myanmar|laos|overseas|abroad)\b[^.!?\n]{0,40}\b(?:jobs?|work|salary|/month)"
                r"|flights? (?:and \w+ )?paid|we handle your visa",
            ),
        ),
    ),
]
BY_CODE = {signal.code: signal for signal in SIGNALS}

# The types a sign points to, beside what the message's wording says: similarity ranks the
# types, and these signs move the types they belong to up (see checking.py).
POINTS_TO = {
    "safe_account": ("police-impersonation",),
    "fake_official": ("police-impersonation",),
    "intimidation": ("gangster-threat", "fake-kidnapping"),
    "rent_accounts": ("renting-bank-cards",),
    "payee_change": ("changed-account-sms",),
    "odd_job": ("scam-text-sending-job",),
    "designated_supplier": ("military-purchase-impersonation",),
    "contraband": ("customs-parcel",),
    "miracle_cure": ("health-products",),
    "fix_for_a_fee": ("fake-credit-repair",),
    "easy_money": ("order-brushing",),
    "pay_personal": ("fake-teacher-fees",),
    "family_emergency": ("relative-in-trouble",),
    "screen_sharing": ("shopping-refund", "loan-account-cancellation"),
}

# Signs raised by the message's links and numbers (see contacts.py).
LINK_SIGNALS = {
    "lookalike": Signal(
        "link_lookalike",
        4,
        _("A link that imitates an official address"),
        _("The address borrows an official name but is not that body's own site. It leads to a fake page."),
        ask=True,
    ),
    "ip": Signal(
        "link_ip",
        4,
        _("A link to a bare number address"),
        _("Real banks and offices never send links made of numbers. It hides where the page really is."),
        ask=True,
    ),
    "punycode": Signal(
        "link_punycode",
        4,
        _("A link with disguised letters"),
        _("The address is spelt with look-alike characters so that it passes for a familiar one."),
        ask=True,
    ),
    "shortener": Signal(
        "link_short",
        2,
        _("A shortened link"),
        _("A shortened link hides where it leads. Type the official address yourself instead of tapping it."),
        ask=True,
    ),
    "unknown": Signal(
        "link",
        1.5,
        _("A link to an unfamiliar site"),
        _(
            "A link in an unexpected message often leads to a fake site that steals passwords and card numbers. "
            "Do not open it: type the official address yourself."
        ),
        ask=True,
    ),
    "named_body": Signal(
        "link_not_the_body",
        3,
        _("The link is not the official site of who it claims to be"),
        _("The message names an official body, bank or company, but its link goes to another site."),
        ask=True,
    ),
}
NUMBER_SIGNALS = {
    "international": Signal(
        "phone_international",
        2.5,
        _("A foreign number for a local matter"),
        _("Police, banks and couriers in China do not call from numbers that start with + or 00."),
        ask=True,
    ),
    "spoofed_official": Signal(
        "phone_spoofed",
        4,
        _("A trusted number with something added"),
        _("95588, 10086 or 110 with a prefix or extra digits is a disguised number, not the real line."),
        ask=True,
    ),
    "virtual": Signal(
        "phone_virtual",
        1,
        _("A virtual-operator number"),
        _("Numbers starting 170, 171, 162, 165 or 167 are cheap to get and often used by fraudsters."),
    ),
}
CALL_BACK = Signal(
    "call_back",
    1.5,
    _("It asks you to call a personal number"),
    _("Banks and offices give their own service numbers. To check, call a number you look up yourself."),
    ask=True,
)
# "拨打 171****0096", "call 138 1234 5678": a mobile number (masked or not) to call back.
CALL_A_MOBILE = re.compile(
    r"(?:拨打|致电|回拨|回电|联系|打给|call|ring|phone|contact|text)\D{0,12}?(1[3-9]\d[\s-]?(?:\d{4}|[*x]{4})[\s-]?\d{4})(?!\d)"
)
FAKE_OFFICIAL = Signal(
    "fake_official",
    5,
    _("It claims to be an anti-fraud warning but asks you to act"),
    _(
        "96110 and 12381 only warn you. They never ask for money, codes, a download, a link or screen sharing. "
        "A message that claims to be from them and does is a scam."
    ),
    ask=True,
)
RESEMBLES = {
    weight: Signal(
        "resembles",
        weight,
        _("It reads like a known scam"),
        _("Its wording follows the script of a scam that FraudWatch describes (see below)."),
    )
    for weight in (1, 2)
}


def resembles(weight):
    return RESEMBLES[weight]


READS_LIKE_A_SCAM = {
    weight: Signal(
        "reads_like_a_scam",
        weight,
        _("Its wording is like that of scam messages"),
        _("Its words and phrasing are close to those of the scam messages FraudWatch has learnt from."),
    )
    for weight in (1, 2)
}


def reads_like_a_scam(weight):
    return READS_LIKE_A_SCAM[weight]


# Who the message says it is from: an official link must belong to one of these.
NAMES_A_BODY = _any(
    r"银行|医保|社保|税务|公安|法院|检察|政府|海关|快递|顺丰|京东|淘宝|支付宝|微信|12306|10086|联通|电信|移动|etc|高速|邮政|ems",
    r"\bbank\b|medical insurance|social security|\btax\b|police|court|government|customs|courier|express|taobao|alipay"
    r"|wechat|12306|china mobile|unicom|telecom|\betc\b|post office",
)

# --- Negation ------------------------------------------------------------------------------

# A comma ends a clause, except before "or"/"and" that carry the clause's verb on
# ("never ask for your code, or to move money").
CLAUSE_BREAKS = re.compile(r"[。！？!?；;\n]|[，,](?!\s*(?:or|and|nor|或|和|也|或者|以及|更)\b)|\.(?=\s|$)")
SENTENCE_BREAKS = re.compile(r"[。！？!?\n]|\.(?=\s|$)")
ZH_NEGATION = re.compile(
    r"切勿|请勿|不要|不用|不必|别|勿|不会|绝不|决不|从不|从来不|不得|不能|不可|严禁|谨防|警惕|防范|拒绝|不需要|无需|没有|不存在|不是|不再|千万别|谁也不|任何人都不"
)
EN_NEGATION = re.compile(
    r"\b(?:never|not|no|nothing|don['’]?t|doesn['’]?t|won['’]?t|cannot|can['’]?t|nobody|avoid|beware|refuse|neither"
    r"|nor|without|stop)\b|n['’]t\b"
)
# One character of negation right before the words: 无需缴纳, 不转账, 没有安全账户.
ZH_NEGATION_CHARACTER = re.compile(r"[不无没未勿别莫非]$")
# Money already sent is news, not an ask.
DONE = re.compile(
    r"已经|已|刚刚|刚才|\b(?:already|just) (?:sent|paid|transferred)\b|\bi(?:'ve| have) (?:sent|paid|transferred)\b"
)
# Conditions and generalities that describe what a scam would do: "凡是……", "if anyone asks you to …".
DESCRIBED_CONDITION = re.compile(
    r"凡是|凡|任何(?:人|自称|以|要求)|如系|如属|若系|如果是|若是|所有(?:自称|以)|一切|要是有人|如果有人|若有人|如遇|若遇|以[^。！？\n]{0,6}为由|"
    r"\b(?:anyone|anybody|whoever|any (?:caller|message|text|call|one|person|website|app|request)|if (?:someone|anyone"
    r"|a (?:caller|stranger|friend|relative|person)|they|somebody|the (?:caller|person))|such (?:calls|texts|messages)"
    r"|(?:calls|texts|messages) (?:asking|that ask|telling))\b"
)
# In the same clause: the words are what the fraudsters do ("不法分子冒充我行发送……").
DESCRIBED_ACTOR = re.compile(r"冒充|不法分子|骗子|诈骗分子|犯罪分子|\b(?:fraudsters?|scammers?|criminals|impostors?)\b")
QUOTED = re.compile(r"“[^”]{0,40}”|\"[^\"]{0,40}\"|「[^」]{0,40}」|‘[^’]{0,40}’|'[^']{2,40}'")
# A sentence that describes a scam to warn about it, after the words it describes.
DESCRIBED_AFTER = re.compile(
    r"(?:都是|均为|均是|一律是|一律为|全是|全都是|就是|肯定是|一定是|都可能是|可能是)(?:诈骗|骗子|骗局|钓鱼|非法)|是诈骗|的诈骗|类诈骗|诈骗高发|"
    r"违法|犯法|不正规|不合法|提高警惕|注意防范|不要相信|请勿相信|切勿相信|[—－-]+\s*诈骗|"
    r"\b(?:is|are) (?:all |always |a |an |likely )?(?:scams?|fraud|fraudsters|scammers|phishing|illegal)\b|is a trick"
    r"|against the law|\s[-–—:]\s*(?:a )?scam\b|\bis lying\b"
)
DESCRIBED_BEFORE = re.compile(
    r"谨防|警惕|防范[^。！？\n]{0,4}(?:诈骗|骗)|不会(?:要求|让|通过|以|向)|\bbeware\b|watch out for|be wary|warning:"
    r"|\b(?:will|would|do|does) never (?:ask|tell|request|call)|\bnever asks?\b|\b(?:do|does|will) not ask\b"
)
# A code or password in the words of a "tell no one" means: protect your code, not secrecy.
PROTECTING_CODES = re.compile(
    rf"{CODE}|卡号|银行卡|身份证|个人信息|code|password|pin\b|otp|card|id number|personal", re.IGNORECASE
)
# A link is warned against only in so many words: "请勿点击", "don't tap links".
LINK_WARNED = re.compile(
    r"(?:不要|请勿|切勿|勿|别|不会)[^。！？\n]{0,6}(?:点击|点开|打开|访问|登录|发送)|"
    r"\b(?:do not|don'?t|never|won'?t|will not)\b[^.!?\n]{0,20}\b(?:click|tap|open|visit|follow|log in|send)"
)
# A message that carries a code (验证码482913, "your code is 860427"): its "tell no one" is
# the sender protecting the code.
CARRIES_A_CODE = re.compile(
    rf"(?:{CODE}|驗證碼|code|otp)[^。！？\n\d]{{0,40}}\d{{4,8}}|\d{{4,8}}[^。！？\n\d]{{0,6}}(?:{CODE}|code)"
)
# An app that a warning tells people to install: the anti-fraud centre's own, from the store.
TRUSTED_APP = re.compile(r"反诈|应用商店|官方|anti-fraud|app store|official")
NEGATION_REACH_ZH = 24  # characters back within the clause
NEGATION_REACH_EN = 64


def negated(text, start, end, *, done_turns_off=False, quotes=()):
    """True when the words at [start, end) are warned against or described, not asked for.
    `quotes` are spans of quoted words, which a warning quotes from the scam it describes."""
    clause_start = max((m.end() for m in CLAUSE_BREAKS.finditer(text, 0, start)), default=0)
    before = text[clause_start:start]
    reach = NEGATION_REACH_EN if text[start:end].isascii() else NEGATION_REACH_ZH
    if ZH_NEGATION.search(before[-NEGATION_REACH_ZH:]) or EN_NEGATION.search(before[-reach:]):
        return True
    if ZH_NEGATION_CHARACTER.search(before) or (done_turns_off and DONE.search(before[-reach:])):
        return True
    if DESCRIBED_ACTOR.search(before):
        return True
    if any(low <= start and end <= high for low, high in quotes):
        return True
    sentence_start = max((m.end() for m in SENTENCE_BREAKS.finditer(text, 0, start)), default=0)
    following = SENTENCE_BREAKS.search(text, end)
    sentence_end = following.start() if following else len(text)
    leading = text[sentence_start:start]
    return bool(
        DESCRIBED_AFTER.search(text, end, sentence_end)
        or DESCRIBED_BEFORE.search(leading)
        or DESCRIBED_CONDITION.search(leading)
    )


@dataclass
class Hit:
    signal: Signal
    spans: list = field(default_factory=list)  # [(start, end)] in the message


def find(plain, *, quotes_describe=False):
    """The signs `plain` raises, each with the places that raised it; and the signs it
    turns off by warning against them ({code: Hit}, the evidence of a genuine warning).
    With `quotes_describe` (a message that claims to warn), quoted words are the scam's,
    quoted, not asked."""
    raised, warned = {}, {}
    quotes = [match.span() for match in QUOTED.finditer(plain)] if quotes_describe else []
    carries_a_code = bool(CARRIES_A_CODE.search(plain))
    for signal in SIGNALS:
        for pattern in signal.patterns:
            for match in pattern.finditer(plain):
                start, end = match.span()
                protecting = signal.code == "secrecy" and (
                    PROTECTING_CODES.search(_clause(plain, start, end)) or carries_a_code
                )
                if protecting or (signal.code == "app" and TRUSTED_APP.search(_clause(plain, start, end))):
                    warned.setdefault(signal.code, Hit(signal)).spans.append((start, end))
                    continue
                if signal.negatable and negated(plain, start, end, done_turns_off=signal.done_turns_off, quotes=quotes):
                    warned.setdefault(signal.code, Hit(signal)).spans.append((start, end))
                    continue
                raised.setdefault(signal.code, Hit(signal)).spans.append((start, end))
    names_a_body = bool(NAMES_A_BODY.search(plain))
    for link in contacts.links(plain):
        kind = link.kind
        if kind == "official":
            continue
        if kind == "unknown" and names_a_body:
            kind = "named_body"
        span = (link.start, link.end)
        target = warned if LINK_WARNED.search(_clause(plain, *span)) else raised
        target.setdefault(LINK_SIGNALS[kind].code, Hit(LINK_SIGNALS[kind])).spans.append(span)
    for number in contacts.numbers(plain):
        signal = NUMBER_SIGNALS[number.kind]
        raised.setdefault(signal.code, Hit(signal)).spans.append((number.start, number.end))
    for match in CALL_A_MOBILE.finditer(plain):
        if not negated(plain, *match.span()):
            raised.setdefault(CALL_BACK.code, Hit(CALL_BACK)).spans.append(match.span(1))
    return raised, warned


def _clause(text, start, end):
    clause_start = max((m.end() for m in CLAUSE_BREAKS.finditer(text, 0, start)), default=0)
    following = CLAUSE_BREAKS.search(text, end)
    return text[clause_start : following.start() if following else len(text)]


def _sentence(text, start, end):
    sentence_start = max((m.end() for m in SENTENCE_BREAKS.finditer(text, 0, start)), default=0)
    following = SENTENCE_BREAKS.search(text, end)
    return text[sentence_start : following.start() if following else len(text)]


# --- Genuine anti-fraud warnings -------------------------------------------------------------

OFFICIAL_SOURCE = _any(
    r"96110|12381|反诈中心|反诈骗中心|反诈专线|反诈提醒|反诈预警|涉诈预警|反诈宣传|反诈|防诈|警方提示|警方提醒|公安[^。！？\n]{0,6}(?:提醒|提示)|"
    r"民警[^。！？\n]{0,4}(?:提醒|提示)|(?:不法分子|骗子|诈骗分子|犯罪分子)[^。！？\n]{0,8}(?:冒充|假冒|自称)|(?:最近|近期|近来|近日)(?:有人|不少人|一些人|有不法分子)[^。！？\n]{0,10}(?:冒充|假冒|自称)|停止(?:转账|汇款|付款|支付|操作|交易)|(?:部门|机关|学校|老师|班主任|客服|平台|我司|本园|本校|医院|税务|医保|公安|警察|民警|法院|运营商)"
    r"[^。！？\n]{0,3}(?:都|也|均|从来)?(?:不会|绝不会|从不|决不会|绝不)(?:以|通过|要求|发送|打电话|索要|让|向|在|替|主动|私下)|"
    r"派出所[^。！？\n]{0,8}(?:提醒|提示|注意)|(?:我行|本行|银行)(?:工作人员)?(?:不会|绝不会|从不|决不会|绝不)|风险提示|温馨提示|"
    r"防范[^。！？\n]{0,6}诈骗|防骗|警情通报|(?:诈骗|骗局|骗子)[^。！？\n]{0,20}(?:提醒|提示|警惕|注意)|(?:提醒|提示|警惕|注意)[^。！？\n]{0,20}(?:诈骗|骗局|骗子)",
    r"(?:people|fraudsters|scammers|criminals|callers) (?:are|have been) (?:calling|pretending|posing|impersonating"
    r"|texting|sending|targeting)|\banti[- ]?(?:fraud|scam)|fraud (?:warning|alert|reminder|prevention)|scam (?:warning|alert)|police (?:reminder|warning"
    r"|notice|tip)|police (?:officers? )?(?:remind|warn)|stop (?:the |this |your )?(?:transfer|payment)|we will never|will never ask|(?:bank|police|staff|school|teachers?|officers|offices) (?:will )?never|beware of"
    r"|(?:scam|fraud)\w*\b[^.!?\n]{0,40}\b(?:remind|alert|warn|beware|careful)|(?:remind|alert|warn|beware|careful)\w*\b[^.!?\n]{0,40}"
    r"\b(?:scam|fraud)",
)
# What makes an ask concrete: said to the reader as an instruction ("请将余额转入……",
# "please reply with the code"), or told of a caller ("他让我下载……"). A warning describes asks
# in general ("凡是要求您共享屏幕的……"); an impostor makes one.
INSTRUCTION = re.compile(
    r"请(?!勿|不要)(?:您|你)?[^。！？\n，,]{0,16}?(?:转|汇|点击|点开|下载|安装|卸载|回复|提供|输入|填写|扫|添加|加|共享|登录|打开|"
    r"拨打|联系|缴纳|支付|告知|配合|按)|(?:需要|必须|须)(?:您|你)|(?:您|你)(?:需要|必须|得)|\byou (?:need|must|have) to\b|"
    r"(?:^\s*|[.!?:;]\s*)(?:please |kindly |now )?(?:click|tap|download|install|transfer|send|reply|provide|enter|scan|add"
    r"|share|log in|open|call|pay|move|verify|confirm|press|withdraw|uninstall|reinstall)\b|\b(?:please|kindly)\b"
)
# A caller's ask, told of: it reaches over the whole sentence ("对方说……让我先去银行把钱取出来……").
TOLD_BY_CALLER = re.compile(
    r"(?:对方|他|她|他们|那人|骗子)(?:说|让|要|叫|要求)我|让我|要我|叫我|"
    r"\b(?:he|she|they|the caller|a man|a woman|the officer) (?:told|asked|wanted|got) me to\b"
)
CONTACTS = frozenset(
    {signal.code for signal in LINK_SIGNALS.values()}
    | {signal.code for signal in NUMBER_SIGNALS.values()}
    | {"call_back"}
)


def concrete_asks(plain, hits):
    """The asks among `hits` that are made, not described: a link or a number to use, or an
    ask in a clause that instructs the reader (or tells what a caller told them to do)."""
    return [
        hit
        for hit in hits
        if hit.signal.ask
        and (
            hit.signal.code in CONTACTS
            or any(
                INSTRUCTION.search(_clause(plain, start, end)) or TOLD_BY_CALLER.search(_sentence(plain, start, end))
                for start, end in hit.spans
            )
        )
    ]


# Words of a warning: what a genuine notice says about scams.
WARNING_WORDS = _any(
    r"诈骗|骗局|骗子|钓鱼|非法集资|警惕|谨防|核实|不听|不信|不转账|反诈|防诈|96110|12381|不法分子|冒充|轻信|不正规|挂断|"
    r"不要(?:扫|转|点|付)|不会(?:电话|短信|要求|通知)|(?:不会|从不|绝不)(?:以|通过|发送|要求|索要|让|向|打电话|主动)|套路|陷阱|上当|受骗|被骗|正规|官方渠道|"
    r"停止转账|伪基站|假冒|虚假|所谓|(?:是|构成|属于|涉嫌)(?:犯罪|违法)|”(?:之类|等|这类|类)的?(?:短信|电话|信息|链接|消息)",
    r"\bscam|fraud|phishing|\bnever\b|beware|verify|anti-fraud|hang up|impersonat|risk alert|stop now"
    r"|(?:do not|don'?t) (?:scan|pay|transfer|click|share|send|tap|open|reply|answer)|pretend|posing as|so-called"
    r"|\bfake (?:base station|website|site|app|link|page|caller|officer|police|customer service|platform)"
    r"|(?:can|may|is|could) be (?:a )?(?:crime|illegal|against the law)|['\"“‘][^'\"”’]{2,40}['\"”’] (?:messages|texts|calls|scams|links)",
)
# A sender's tag, as notices open: 【某某银行】, [Police Station], "Kindergarten notice:".
SOURCE_TAG = re.compile(
    r"^\s*(?:【[^】]{1,30}】|\[[^\]]{1,40}\]|[^:：。\n]{2,40}(?:notice|reminder|alert|通知|提醒|提示)\s*[:：])",
    re.IGNORECASE,
)


def claims_to_warn(plain):
    """Whether the message presents itself as a warning: an anti-fraud source, or a
    sender's tag with the words of a warning."""
    return bool(OFFICIAL_SOURCE.search(plain) or (SOURCE_TAG.match(plain) and WARNING_WORDS.search(plain)))


def sounds_like_a_warning(plain):
    return bool(WARNING_WORDS.search(plain))
