"""Signs of pressure: secrecy, staying on the line, urgency, threats, borrowed authority, a new contact."""

from django.utils.translation import gettext_lazy as _

from .sign import Signal, _any

PRESSURE = [
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
                r"(?:不要|别|不能|不许|不准|不得|切勿|请勿|勿)(?:把|将)?[^。！？\n]{0,8}?(?:告诉|透露|说给|声张|外传|讲给|跟[^。！？\n]{0,6}说|和[^。！？\n]{0,6}说)",
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
]
