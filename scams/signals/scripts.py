"""Signs of particular scripts: prizes, easy money, refunds, family emergencies, a changed payee, and the rest."""

from django.utils.translation import gettext_lazy as _

from .sign import NUMBER, Signal, _any

SCRIPTS = [
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
                r"part[- ]time|(?<!inspection )commission|like (?:and|&) follow|daily pay|work from home|easy money|tasks? (?:to|and) earn"
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
    Signal(
        "money_demand",
        3,
        _("It asks you for a sum of money"),
        _("A message that names a sum for you to send, pay or get ready is asking for your money. Check first."),
        (
            _any(
                rf"(?<![实已应支付自])(?:转|打|汇|交|付|准备|拿出|凑|垫|出|存入)(?:个|上|好)?\s*{NUMBER}\s*(?:万|元|块|千|美元|w\b)",
                r"(?:先)?(?:借|垫)(?:他|她|给他|给她)|(?<!我)先垫|垫资|垫付",
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
