"""Towns, neighbourhoods, section pages and site settings of the Nanchang County demo."""

# (town slug, town name, [(neighbourhood slug, neighbourhood name, population), ...])
TOWNS = [
    (
        "liantang",
        "莲塘镇",
        [
            ("chenghu", "澄湖社区", 14200),
            ("lianxi", "莲西社区", 11800),
            ("liannan", "莲南社区", 9600),
            ("xiangyang", "向阳社区", 8700),
            ("jinsha", "金沙社区", 12500),
            ("huiren", "汇仁社区", 7300),
        ],
    ),
    (
        "xiangtang",
        "向塘镇",
        [
            ("xinjie", "新街社区", 6800),
            ("tielu", "铁路社区", 9200),
            ("xiangdong", "向东社区", 5400),
            ("chezhan", "车站社区", 4700),
        ],
    ),
    (
        "sanjiang",
        "三江镇",
        [
            ("sanjiang", "三江社区", 6100),
            ("qianjin", "前进社区", 4300),
            ("jiangkou", "江口社区", 3200),
        ],
    ),
    (
        "tangnan",
        "塘南镇",
        [
            ("tangnan", "塘南社区", 5600),
            ("xinxu", "新圩社区", 3800),
            ("nanhu", "南湖社区", 3300),
        ],
    ),
    (
        "wuyang",
        "武阳镇",
        [
            ("wuyang", "武阳社区", 6400),
            ("changsheng", "长胜社区", 4100),
            ("xiaohe", "小河社区", 3500),
        ],
    ),
    (
        "gangshang",
        "冈上镇",
        [
            ("gangshang", "冈上社区", 5200),
            ("xingang", "新冈社区", 3900),
            ("yuejin", "跃进社区", 3100),
        ],
    ),
    (
        "yinsanjiao",
        "银三角管委会",
        [
            ("yinhu", "银湖社区", 13600),
            ("lijing", "丽景社区", 10400),
            ("jinhu", "金湖社区", 8900),
            ("yinsanjiao", "银三角社区", 7600),
        ],
    ),
    (
        "xiaolan",
        "小蓝经济技术开发区",
        [
            ("xiaolan", "小蓝社区", 11200),
            ("xiongxi", "雄溪社区", 8100),
            ("jinshawan", "金沙湾社区", 9900),
            ("fushan", "富山社区", 6300),
        ],
    ),
]

PERSONS_PER_HOUSEHOLD = 2.8

HOME_HEADLINE = "共建文明县城 共享美好家园"
HOME_INTRO = "南昌县正在创建全国县级文明城市和国家卫生县城。在这里，您可以查阅城市管理政策法规，了解正在开展的宣传活动，参加知识问答、签署文明承诺，报名所在社区的志愿服务。\n每一次参与都会计入您所在的社区，让我们一起把家门口的街巷变得更整洁、更有序、更文明。"

# (slug, title, intro)
SECTIONS = [
    (
        "campaigns",
        "宣传活动",
        "县城管委联合各乡镇、管委会和社区开展的文明创建主题宣传活动。点击活动可查看活动安排、覆盖社区和相关报道。",
    ),
    ("news", "新闻动态", "城市管理和文明创建工作的最新消息。"),
    (
        "regulations",
        "政策法规",
        "本县城市管理相关的规范性文件，按条文编排，附通俗解读。可按主题、效力状态和年份筛选。",
    ),
    (
        "volunteer",
        "志愿服务",
        "各社区志愿服务站常年招募志愿者，参加垃圾分类督导、文明交通劝导、背街小巷清扫等活动。选择您所在的社区报名。",
    ),
]

VOLUNTEER_INTRO = "{name}志愿服务站由{town}{name}居民委员会组织，常年开展垃圾分类桶边督导、文明交通劝导、背街小巷清扫和关爱独居老人等志愿服务。\n活动一般安排在周末上午，每次约两小时，服务时长计入全国志愿服务信息系统。欢迎居住在本社区的居民、驻区单位职工和在校学生报名参加。"
VOLUNTEER_CONTACT = "社区办公室 0791-{number}"

SITE_SETTINGS = {
    "bureau_name": "南昌县城市管理委员会",
    "hotline": "12319",
    "address": "江西省南昌市南昌县莲塘镇澄湖东路299号",
    "icp_record": "赣ICP备2024000000号-1",
}
