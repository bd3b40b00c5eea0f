"""The demo's quizzes: two on a campaign's own topic and one drawn at random from every topic."""

from quizzes.demo.topics import PARKING, WASTE

INDEX = {
    "slug": "quizzes",
    "title": "知识问答",
    "intro": "答一答，看看您对身边的城市管理规定了解多少。每道题答完都有解析，并附上规定原文的条款链接。",
}

# questions: (regulation slug, article number) pairs; every question citing one goes on the list.
QUIZZES = [
    {
        "parent": "laji-fenlei-jin-shequ",
        "slug": "laji-fenlei-wenda",
        "title": "垃圾分类知识问答",
        "intro": "十道题，带您读懂《南昌县生活垃圾分类管理办法》。答错的题目会告诉您哪一条规定说了什么。",
        "questions": [(WASTE, 3), (WASTE, 9), (WASTE, 12), (WASTE, 19)],
        "time_limit": None,
        "attempts_per_day": 3,
    },
    {
        "parent": "lirang-banmaxian",
        "slug": "wenming-tingche-wenda",
        "title": "文明停车知识问答",
        "intro": "人行道能不能停车？路边泊位什么时候免费？六道题，十分钟内答完。",
        "questions": [
            (PARKING, 10),
            (PARKING, 12),
            (PARKING, 11),
            (PARKING, 16),
            (PARKING, 15),
            (PARKING, 13),
        ],
        "time_limit": 10,
        "attempts_per_day": 3,
    },
    {
        "parent": None,
        "slug": "chengshi-guanli-suiji-ceyan",
        "title": "城市管理知识随机测验",
        "intro": "每次从题库中随机抽取十道题，涵盖垃圾分类、市容环境、占道经营、文明停车和餐饮油烟。",
        "draw_count": 10,
        "draw_tags": ["垃圾分类", "市容环境", "占道经营", "文明交通", "油烟排放"],
        "time_limit": 15,
        "attempts_per_day": 5,
    },
]
