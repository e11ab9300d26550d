"""The words of the bundled material (written for FraudWatch), kept apart from the code
that turns them into files.

The two letters carry merge fields, filled by campaigns.materials.letters: {unit} (the
unit's name in running text) and {unit_signature} (in the signature line), {date} and,
in the letterhead only, {campaign}. Left blank, a field reads as its "blank" text, which
gives the printed copy to fill in by hand that the public library offers."""

LETTER_TO_PARENTS = {
    "zh": {
        "title": "致家长的一封信：和孩子一起防范电信网络诈骗",
        "greeting": "尊敬的家长：",
        "paragraphs": [
            "您好！近来，电信网络诈骗分子把手伸向了学生。他们冒充游戏客服、网店客服、老师甚至民警，"
            "用“免费领皮肤”“账号异常要退款”“不配合就要坐牢”等说法，诱导孩子扫码、共享屏幕，"
            "甚至拿家长的手机转账。为了守护孩子和家里的钱，请您和{unit}一起做好以下几件事：",
            "一、和孩子聊一聊：凡是要求转账、说出验证码、共享屏幕的，不管对方说自己是谁，都是诈骗。",
            "二、管好手机和支付：不把支付密码告诉孩子，给手机设置支付限额，给孩子用的设备打开未成年人模式。",
            "三、留心孩子的变化：突然要借手机、躲着打电话、加了不认识的“客服”或“老师”，请及时问一问。",
            "四、遇事先停一停：接到可疑电话、短信，先挂断，不转账，拨打110报警或96110咨询。",
            "家校携手，才能让骗子无处下手。感谢您的理解与支持！",
        ],
        "signature": "{unit_signature}（盖章）　　{date}",
        "receipt": "回执：我已阅读此信，并与孩子谈过防范诈骗。学生姓名：________ 班级：________ 家长签名：________",
        "campaign": "“{campaign}”",
        "blank": {"unit": "学校", "unit_signature": "学校", "date": "　　年　　月　　日"},
    },
    "en": {
        "title": "A letter to parents: keeping your child safe from phone and online fraud",
        "greeting": "Dear parents,",
        "paragraphs": [
            "Fraudsters are now reaching out to pupils. They pose as game support staff, shop assistants, "
            "teachers or even police officers. With promises of free game items, talk of a refund, or threats "
            "of trouble with the law, they get children to scan codes, share their screens, or send money "
            "from a parent's phone. Please join {unit} in four simple steps:",
            "1. Talk with your child: anyone who asks for a transfer, a verification code or a shared screen "
            "is a fraudster, whoever they say they are.",
            "2. Look after phones and payments: keep your payment password to yourself, set payment limits, "
            "and switch on the child mode of the devices your child uses.",
            "3. Notice changes: a child who suddenly needs your phone, takes calls in secret or has a new "
            "contact calling itself support or a teacher deserves a gentle question.",
            "4. Stop first: hang up on a suspicious call or message, send no money, and call 110 to report "
            "or 96110 for advice.",
            "Together, home and school leave fraudsters nowhere to start. Thank you for your support.",
        ],
        "signature": "{unit_signature} (stamp)            Date: {date}",
        "receipt": "Reply slip: I have read this letter and talked with my child about fraud. "
        "Pupil: ________ Class: ________ Parent's signature: ________",
        "campaign": "Campaign: {campaign}",
        "blank": {"unit": "the school", "unit_signature": "School", "date": ""},
    },
}

COMMITMENT_LETTER = {
    "zh": {
        "title": "防范电信网络诈骗承诺书",
        "greeting": "为保护自己和家人的财产安全，我郑重承诺：",
        "paragraphs": [
            "一、不把银行卡、手机卡、身份证件和各类账号出租、出借或出售给他人。",
            "二、不向任何人透露验证码、支付密码，不与陌生人共享屏幕。",
            "三、不参与刷单、点赞返利等“兼职”，不相信“稳赚不赔”的投资。",
            "四、不点击来历不明的链接，不扫陌生二维码，不下载陌生软件。",
            "五、接到自称公检法、客服、领导的电话要转账时，先挂断，再通过官方渠道核实。",
            "六、主动向家人、同学和朋友宣传防骗知识；发现可疑情况，及时拨打110或96110。",
        ],
        "signature": "承诺人：____________　　{date}",
        "receipt": "家长（监护人）签名：____________",
        "campaign": "“{campaign}”",
        "blank": {"date": "　　年　　月　　日"},
    },
    "en": {
        "title": "My commitment against phone and online fraud",
        "greeting": "To protect my own money and my family's, I promise that:",
        "paragraphs": [
            "1. I will not rent, lend or sell my bank cards, phone cards, ID or accounts to anyone.",
            "2. I will never tell anyone a verification code or payment password, or share my screen with a stranger.",
            "3. I will not take part in paid liking, order brushing or other 'easy jobs', "
            "nor trust 'risk-free' returns.",
            "4. I will not open links, scan codes or install apps that come from people I do not know.",
            "5. When a caller claiming to be police, customer service or a boss asks for money, I will hang up "
            "and check through an official channel.",
            "6. I will share what I know with family, classmates and friends, and call 110 or 96110 when "
            "something looks wrong.",
        ],
        "signature": "Signed: ____________        Date: {date}",
        "receipt": "Parent or guardian: ____________",
        "campaign": "Campaign: {campaign}",
        "blank": {"date": ""},
    },
}

# Read aloud in about a minute: some 230 Chinese characters, some 150 English words.
BROADCAST_SCRIPTS = {
    "order-brushing": {
        "zh": (
            "各位居民朋友，大家好。这里是反诈小喇叭。最近，刷单返利诈骗又多了起来。"
            "骗子在群里、短视频评论区发广告，说在家动动手指、点个赞，一天就能赚几百元。"
            "刚开始，小任务真的返钱，让你尝到甜头；接着就让你垫钱充值，说做完一整组任务才能提现。"
            "等你投进去的钱越来越多，对方就说你操作失误、账户冻结，要你继续交钱解冻，最后把你拉黑。"
            "请大家记住：凡是要先垫钱的兼职，都是诈骗；刷单本身就是违法行为。"
            "遇到这类广告，不点击、不下载、不转账。拿不准的时候，请拨打九六一一零咨询，"
            "已经被骗请立即拨打一一零报警。反诈小喇叭提醒您：天上不会掉馅饼，守好钱袋子。"
        ),
        "en": (
            "Good day, neighbours. This is your anti-fraud minute. Order brushing scams are on the rise again. "
            "Fraudsters post adverts in chat groups and under short videos: work from home, like a few posts, "
            "earn hundreds a day. The first small tasks really do pay a little, so you trust them. Then you are "
            "asked to pay in advance for a set of tasks, with the promise that everything comes back at the end. "
            "The more you pay, the more excuses you hear: a mistake in your order, a frozen account, one more "
            "deposit to release your money. Then they block you. Please remember: any job that asks you to pay "
            "first is a fraud, and brushing orders is itself against the law. Do not click, do not install, do "
            "not transfer. If you are unsure, call 96110 for advice. If you have already paid, call 110 at once. "
            "Nobody gives money away for nothing."
        ),
    },
    "police-impersonation": {
        "zh": (
            "各位居民朋友，大家好。这里是反诈小喇叭。今天提醒大家当心冒充公检法诈骗。"
            "骗子打来电话，自称是公安局、检察院或者法院的工作人员，说你的身份信息被人冒用，"
            "涉嫌洗钱或者其他案件，还会发来所谓的通缉令、逮捕令，吓得你不知所措。"
            "接着，他们要你对家人保密，下载会议软件，把钱转到所谓的安全账户接受审查。"
            "请大家记住三个不会：公检法不会通过电话办案，不会发送法律文书截图，更不会要求你转账到安全账户。"
            "接到这样的电话，立即挂断，不要转账，不要透露验证码。拿不准的时候，拨打九六一一零咨询，"
            "或者直接到附近派出所问一问。反诈小喇叭提醒您：安全账户就是骗子账户。"
        ),
        "en": (
            "Good day, neighbours. This is your anti-fraud minute. Today: callers who pretend to be the police, "
            "a prosecutor or a court. They say your identity has been used in a money-laundering case, and they "
            "may send pictures of an arrest warrant to frighten you. Then they tell you to keep it secret from "
            "your family, install a meeting app, and move your savings into a so-called safe account while they "
            "investigate. Please remember three things. The police never handle a case over the phone. They "
            "never send legal papers as chat pictures. And there is no such thing as a safe account: that "
            "account belongs to the fraudster. If you get a call like this, hang up. Do not transfer money and "
            "do not read out any code. If you are worried, call 96110, or walk into your local police station "
            "and ask in person. Hang up, check, and stay safe."
        ),
    },
    "shopping-refund": {
        "zh": (
            "各位居民朋友，大家好。这里是反诈小喇叭。网购的朋友请注意，冒充客服退款诈骗一直很常见。"
            "骗子能说出你买了什么、订单号是多少，声称商品有质量问题，要给你双倍退款，"
            "或者说快递丢了要理赔。接下来，他会让你加他为好友，点击链接，或者打开屏幕共享，"
            "再以开通退款通道、提高信用额度为由，让你贷款、转账，一步步把钱骗走。"
            "请大家记住：真正的退款原路返回，不需要你提供验证码，也不需要你先付钱。"
            "接到这样的电话，请挂断后自己打开购物平台，联系官方客服核实。"
            "拿不准就拨打九六一一零咨询，被骗了立即拨打一一零报警。反诈小喇叭提醒您：退款不用先掏钱。"
        ),
        "en": (
            "Good day, neighbours. This is your anti-fraud minute, for everyone who shops online. A caller says "
            "they are customer service. They know what you bought and even the order number. They say the goods "
            "were faulty and offer double your money back, or they say the parcel was lost and you are owed "
            "compensation. Then they ask you to add them as a friend, open a link or share your screen. Step by "
            "step they talk you into a loan or a transfer, to open a refund channel or raise your credit. Please "
            "remember: a real refund goes back the way you paid. It never needs a verification code, and it "
            "never needs you to pay first. Hang up, open the shopping app yourself, and ask its own customer "
            "service. If you are unsure, call 96110. If you have lost money, call 110 straight away. A refund "
            "never costs you money."
        ),
    },
}

SLOGANS = {
    "zh": [
        "验证码是保险栓，谁来索要都别给",
        "刷单返利全是坑，先尝甜头后掏空",
        "网上办案无此事，安全账户是骗局",
        "陌生链接不要点，来历不明不扫码",
        "银行卡号不出借，帮人跑分会违法",
        "高额回报别心动，投资理财找正规",
        "退款理赔先核实，官方渠道最可靠",
        "遇到可疑先挂断，九六一一零咨询",
    ],
    "en": [
        "A code is a key: never give it away.",
        "Paid to like? Soon you pay to leave.",
        "No police case is run by phone; no account is 'safe'.",
        "Unknown link, unknown code: leave it alone.",
        "Lend your card, lend your name to a crime.",
        "Sure-fire returns are a sure-fire loss.",
        "Refunds come back the way you paid.",
        "In doubt? Hang up, then call 96110.",
    ],
}

CLASS_MEETING = {
    "zh": {
        "title": "主题班会：识破骗局，守护钱包（40分钟）",
        "slides": [
            ("主题班会：识破骗局，守护钱包", ["时长：40分钟", "适用：初中、高中、中职学生", "需要：投影、承诺书"]),
            (
                "本节安排",
                [
                    "导入小调查（5分钟）",
                    "常见骗局（10分钟）",
                    "案例讨论（10分钟）",
                    "四个“不”（5分钟）",
                    "情景演练（7分钟）",
                    "签订承诺书（3分钟）",
                ],
            ),
            (
                "导入：你遇到过吗？",
                ["举手：收到过“免费领皮肤”的消息吗？", "举手：有陌生人加你为好友吗？", "请两位同学说说当时怎么做的"],
            ),
            (
                "学生身边的常见骗局",
                ["游戏装备、账号交易", "刷单点赞返利", "冒充客服退款", "冒充老师收费", "“追星”“饭圈”集资"],
            ),
            (
                "案例讨论",
                [
                    "读一读：一条“免费领皮肤”的消息怎样让家长的钱被转走",
                    "分组讨论：哪一步可以停下来？",
                    "每组派代表发言",
                ],
            ),
            ("记住四个“不”", ["不转账", "不说验证码", "不共享屏幕", "不扫陌生二维码"]),
            ("情景演练", ["一人扮“客服”，一人扮同学", "练习一句话：我要先问问家长和老师", "老师点评"]),
            (
                "遇到了怎么办",
                ["先挂断，不转账", "告诉家长、老师", "拨打110报警或96110咨询", "签订承诺书，把今天学到的讲给家人听"],
            ),
        ],
    },
    "en": {
        "title": "Class meeting: spot the scam, keep your money (40 minutes)",
        "slides": [
            (
                "Class meeting: spot the scam, keep your money",
                ["Length: 40 minutes", "For: secondary school pupils", "Needs: projector, commitment letters"],
            ),
            (
                "The plan",
                [
                    "Warm-up poll (5 min)",
                    "Common scams (10 min)",
                    "Case discussion (10 min)",
                    "Four 'nevers' (5 min)",
                    "Role play (7 min)",
                    "Commitment letters (3 min)",
                ],
            ),
            (
                "Warm-up: has it happened to you?",
                [
                    "Hands up: a message offering free game items?",
                    "Hands up: a stranger adding you as a friend?",
                    "Two pupils tell what they did",
                ],
            ),
            (
                "Scams pupils meet",
                [
                    "Game items and account trading",
                    "Paid liking and order brushing",
                    "Fake customer-service refunds",
                    "Fake teachers asking for fees",
                    "Fan-club money collections",
                ],
            ),
            (
                "Case discussion",
                [
                    "Read: how a 'free skin' message emptied a parent's account",
                    "Groups: where could it have been stopped?",
                    "One speaker per group",
                ],
            ),
            (
                "Four nevers",
                [
                    "Never transfer money",
                    "Never tell a code",
                    "Never share your screen",
                    "Never scan a stranger's code",
                ],
            ),
            (
                "Role play",
                [
                    "One pupil plays 'support staff', one plays a classmate",
                    "Practise one sentence: I will ask my parents and teacher first",
                    "Teacher's comments",
                ],
            ),
            (
                "If it happens",
                [
                    "Hang up, send nothing",
                    "Tell a parent or teacher",
                    "Call 110 to report, 96110 for advice",
                    "Sign the commitment letter; tell your family what you learned",
                ],
            ),
        ],
    },
}
