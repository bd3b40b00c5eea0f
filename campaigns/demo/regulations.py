"""The demo's regulations: document details, plain-language summaries and topic tags."""

import datetime

from campaigns.demo import regulation_texts_city as city
from campaigns.demo import regulation_texts_environment as environment

COUNTY_GOVERNMENT = "南昌县人民政府"
COUNTY_GOVERNMENT_OFFICE = "南昌县人民政府办公室"

# Listed so that every regulation named in "related" comes before the one that names it.
REGULATIONS = [
    {
        "slug": "shirong-huanjing-weisheng",
        "title": "南昌县城市市容和环境卫生管理办法",
        "document_number": "南县府发〔2021〕8号",
        "issuer": COUNTY_GOVERNMENT,
        "promulgated_on": datetime.date(2021, 3, 15),
        "effective_on": datetime.date(2021, 5, 1),
        "status": "in_force",
        "tags": ["市容环境", "门前三包"],
        "summary": "这部办法管的是我们每天看得见的街面：建筑外墙、门店招牌、阳台晾晒、乱贴小广告、工地围挡、道路保洁和公共厕所。\n对临街门店和单位来说，最重要的是第十二条的“门前三包”：门前到路缘石这一段，市容整洁、环境卫生、停车秩序都由您负责，每天开门前和打烊后各扫一次。不履行的，逾期不改可罚100元至2000元。\n对居民来说，记住三件事：主要街道两侧阳台不吊挂晾晒，遛狗牵绳并及时清理粪便，不随地吐痰、乱扔烟头。发现问题可拨打12319，城管部门2个工作日内处理。",
        "chapters": city.SANITATION,
        "related": [],
    },
    {
        "slug": "zhandao-jingying",
        "title": "南昌县城区占道经营和流动摊贩疏导管理办法",
        "document_number": "南县府办发〔2022〕15号",
        "issuer": COUNTY_GOVERNMENT_OFFICE,
        "promulgated_on": datetime.date(2022, 4, 20),
        "effective_on": datetime.date(2022, 6, 1),
        "status": "in_force",
        "tags": ["占道经营", "市容环境"],
        "summary": "摆摊不是一律不准，而是分区管理：主干道、学校医院门口、公交站台、消防通道和盲道是“严禁区”，次干道和小区出入口是“严控区”，其余由政府选定并公布的地点是“疏导区”，可以申请摊位合法经营。\n疏导区早市6:00至8:30、夜市17:30至23:00（夏季可到次日0:30）。摊主要在摊位线内经营、留出1.5米人行通道、自备垃圾桶，收摊做到人走地净，不用高音喇叭叫卖。\n城管执法坚持先劝导后处理，初次违法并及时改正的可以不罚；确需暂扣物品的，当场开清单，接受处理后3日内退还。",
        "chapters": city.STREET_VENDING,
        "related": ["shirong-huanjing-weisheng"],
    },
    {
        "slug": "jidongche-tingfang",
        "title": "南昌县城区机动车停放管理办法",
        "document_number": "南县府发〔2019〕21号",
        "issuer": COUNTY_GOVERNMENT,
        "promulgated_on": datetime.date(2019, 8, 12),
        "effective_on": datetime.date(2019, 10, 1),
        "status": "amended",
        "tags": ["文明交通", "机动车停放"],
        "summary": "本办法已经修改，以下为修改前的文本，请以现行文本为准。\n路边停车泊位白天8:00至20:00收费，前30分钟免费；晚上20:00到第二天8:00免费，方便周边居民夜间停车。停车时要顺着标线一车一位，不跨位、不压线。\n第十二条列出了不能停车的地方：人行道和盲道、路口和桥梁50米内、公交站和消防栓30米内、消防通道，以及学校门前的护学区域。在人行道乱停妨碍通行的，可罚20元至200元，人不在车旁的还可能被拖车。",
        "chapters": city.PARKING,
        "related": [],
    },
    {
        "slug": "canyin-youyan",
        "title": "南昌县城区餐饮服务业油烟污染防治管理规定",
        "document_number": "南县府办发〔2023〕9号",
        "issuer": COUNTY_GOVERNMENT_OFFICE,
        "promulgated_on": datetime.date(2023, 2, 28),
        "effective_on": datetime.date(2023, 4, 1),
        "status": "in_force",
        "tags": ["油烟排放", "市容环境"],
        "summary": "住宅楼里不能新开产生油烟的饭店；已经营业的餐饮店必须装油烟净化器，开火就要开净化器，不能装了不用。\n第十二条规定了清洗周期：小店至少60天洗一次，中型店30天一次，大店和烧烤、火锅店15天一次，清洗记录要保存一年备查。街边、广场和小区里不能露天烧烤，违者没收烧烤工具并罚500元至2万元。\n楼下饭店油烟扰民，可以拨打12319或在本平台留言，相关部门3个工作日内到现场核查，10个工作日内给您答复。",
        "chapters": environment.COOKING_FUMES,
        "related": ["zhandao-jingying"],
    },
    {
        "slug": "shenghuo-laji-fenlei",
        "title": "南昌县生活垃圾分类管理办法",
        "document_number": "南县府发〔2023〕12号",
        "issuer": COUNTY_GOVERNMENT,
        "promulgated_on": datetime.date(2023, 6, 5),
        "effective_on": datetime.date(2023, 7, 1),
        "status": "in_force",
        "tags": ["垃圾分类", "市容环境"],
        "summary": "生活垃圾分四类：可回收物（蓝色桶）、有害垃圾（红色桶）、厨余垃圾（绿色桶）、其他垃圾（灰色桶）。小区实行定时定点投放，一般是早上7:00至9:00、晚上18:00至21:00。\n第十二条是居民最需要记住的：纸箱压扁再投，碎玻璃包好再投；废电池、废灯管、过期药品投红桶；厨余垃圾沥干水、破袋倒进绿桶，袋子扔进灰桶。经劝导拒不改正的，个人可罚50元至200元。\n被罚款的居民可以申请参加桶边督导等志愿服务，完成规定时长的可以依法从轻或减轻处罚。分得好的家庭，社区还可以给积分奖励。",
        "chapters": environment.WASTE_SORTING,
        "related": ["shirong-huanjing-weisheng"],
    },
    {
        "slug": "huanjing-zaosheng",
        "title": "南昌县城区环境噪声管理暂行规定",
        "document_number": "南县府办发〔2016〕31号",
        "issuer": COUNTY_GOVERNMENT_OFFICE,
        "promulgated_on": datetime.date(2016, 5, 10),
        "effective_on": datetime.date(2016, 7, 1),
        "status": "repealed",
        "tags": ["噪声污染"],
        "summary": "本规定已废止，仅供查阅。《中华人民共和国噪声污染防治法》自2022年6月5日起施行后，噪声管理以该法及现行规定为准。\n规定中的很多做法今天仍然是好习惯：晚上22:00到早上6:00居民区附近不搞噪声施工；广场舞等活动在6:30至21:30之间，音量控制在60分贝以内，离住宅楼近的不超过55分贝；家里装修避开午休和节假日。\n遇到噪声扰民，可以先请物业或社区居委会劝阻、调解，劝阻无效的再报告公安机关或有关部门。",
        "chapters": environment.NOISE,
        "related": ["canyin-youyan"],
    },
]
