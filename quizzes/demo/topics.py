"""The demo regulations the questions cite, by slug, and the topic each gives its questions."""

WASTE = "shenghuo-laji-fenlei"
SANITATION = "shirong-huanjing-weisheng"
VENDING = "zhandao-jingying"
PARKING = "jidongche-tingfang"
FUMES = "canyin-youyan"

TOPICS = {
    WASTE: "垃圾分类",
    SANITATION: "市容环境",
    VENDING: "占道经营",
    PARKING: "文明交通",
    FUMES: "油烟排放",
}
