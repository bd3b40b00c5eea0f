"""The demo's two community pledges and the residents who signed them."""

PLEDGES = [
    {
        "campaign": "laji-fenlei-jin-shequ",
        "slug": "laji-fenlei-gongyue",
        "title": "垃圾分类家庭文明公约",
        "text": "为了我们共同的家园更整洁、更美丽，我自愿做垃圾分类的践行者和宣传者，带动家人和邻居一起分、坚持分。",
        "commitments": [
            "厨余垃圾沥干水分、破袋投放",
            "有害垃圾单独存放、定点投放",
            "不乱扔垃圾，不把垃圾留在楼道",
            "大件垃圾预约清运，不随意堆放",
        ],
        "goal": 3000,
        "signatures": 260,
    },
    {
        "campaign": "lirang-banmaxian",
        "slug": "wenming-jiaotong-gongyue",
        "title": "文明交通出行公约",
        "text": "文明出行从我做起。我承诺遵守交通规则，礼让行人，安全出行，做文明交通的示范者。",
        "commitments": [
            "驾车行经斑马线减速礼让",
            "骑电动自行车佩戴头盔",
            "不闯红灯，不乱穿马路",
            "文明停车，不占用人行道和消防通道",
        ],
        "goal": 2000,
        "signatures": 180,
    },
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕熊"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉春梅海燕志刚小龙佳怡子涵"
