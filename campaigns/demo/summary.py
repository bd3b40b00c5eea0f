"""Describe a finished demo load for the terminal, in Chinese and English."""

SITE_URL = "http://127.0.0.1:8000/"
DEMO_LOGINS_WARNING = (
    "以上为演示密码，切勿用于生产环境 / These are demo passwords: never use them in production."
)


def summary_lines(report):
    """Return the lines that tell the user what was loaded and how to log in."""
    created = ", ".join(f"{count} {name}" for name, count in report.created.items())
    lines = [
        "南昌县演示数据已加载 / Nanchang County demo loaded.",
        f"本次新建 / created this run: {created}",
        f"网站 / site:  {SITE_URL}",
        f"后台 / admin: {SITE_URL}admin/",
        "登录 / logins:",
    ]
    for login in report.logins:
        note = "" if login.created else " (已存在，密码未重置 / existing user, password not reset)"
        where = f" · {login.neighbourhood}" if login.neighbourhood else ""
        lines.append(f"  {login.username:<10} {login.password:<22} {login.role}{where}{note}")
    return lines
