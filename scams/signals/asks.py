"""Signs that ask the reader to act: move money, give a code or details, install an app, share a screen, pay."""

from django.utils.translation import gettext_lazy as _

from .sign import CODE, EN_CODE, NUMBER, Signal, _any

ASKS = [
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
                r"(?:转(?:账|帐)?(?:到|至|入(?!账)|进)|汇(?:款)?(?:到|至|入)|打(?:款|钱)?到)(?!(?:你|您)(?:本人)?(?:的)?(?:尾号[\d*x]+的?)?(?:工资|银行)?卡|地)|转(?:账|帐)?(?:给我(?!的)|给他|过来|过去)|汇(?:款)?给|把(?:钱|余额|存款|资金)[^，。！？\n]{0,6}(?:转|汇|打|存)",
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
                r"期货|外汇|数字货币|虚拟币|usdt|内部数据|投资[^。！？\n]{0,10}(?:每月|每年|年)返|年化|包中|必中|稳中|中奖号码预测",
                r"guaranteed (?:return|profit|income|gain)|risk[- ]free|can'?t lose|no risk|double your|high returns?"
                r"|insider (?:tip|info)|\d+\s?% (?:daily|a day|per day|a week|weekly|a month|monthly|returns?)"
                r"|passive income|(?:i(?:'ve)?|we(?:'ve)?) never lost|mining (?:app|machine|pool|rig)|sure profit|doubled? my money|100% (?:success|win)|guaranteed wins?"
                r"|mentor|\d+\s?% (?:return|profit|interest)|forex|crypto|usdt|futures|insider|guaranteed \w+|at least \d+\s?%|\d+\s?% (?:annual|annualized|yearly|monthly|daily) (?:return|yield|interest|profit)"
                r"|\d+\s?% a (?:year|month|week|day)|invest [\d,.]+ (?:yuan )?and (?:get|receive|earn)"
                r"|(?:called|predicted|picked) the winning numbers|prediction plan|if you don'?t win",
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
]
