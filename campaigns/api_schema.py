"""The OpenAPI description of the reach API, and the view that serves it without a key.

Written by hand: the API is three small read-only views. Descriptions are in Chinese, for the
county platform's developers.
"""

from campaigns import api

NULLABLE_FIGURES = (
    "participations",
    "residents",
    "per_thousand",
    "quiz_attempts",
    "average_score",
    "pledges",
    "volunteer_attendees",
    "volunteer_hours",
)


def ref(name, kind="schemas"):
    return {"$ref": f"#/components/{kind}/{name}"}


def record(properties, description=None):
    """An object with exactly these properties, all present."""
    schema = {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def count(description, nullable=True):
    return {"type": "integer", "minimum": 0, "nullable": nullable, "description": description}


def decimal(description, **bounds):
    return {"type": "number", "nullable": True, "description": description, **bounds}


def list_of(name, items):
    return record({name: {"type": "array", "items": items}})


PLACE = {"id": {"type": "integer", "minimum": 1}, "name": {"type": "string"}}

FIGURES = {
    "population": count("常住人口（社区档案数）", nullable=False),
    "participations": count("参与次数（答题、签名、报名、服务签到、海报扫码之和）"),
    "residents": count("触达居民数（范围内去重）"),
    "per_thousand": decimal("每千名居民触达数，保留一位小数；人口为 0 时为 null", minimum=0),
    "quiz_attempts": count("答题次数"),
    "average_score": decimal(
        "平均得分（百分制，保留一位小数）；无人答题时为 null", minimum=0, maximum=100
    ),
    "pledges": count("承诺签名数"),
    "volunteer_attendees": count("参加志愿服务的居民数"),
    "volunteer_hours": decimal("志愿服务时长（小时，保留两位小数；含范围内的时长更正，可为负）"),
    "poster_visits": count("经宣传海报二维码的访问次数", nullable=False),
    "suppressed": {
        "type": "array",
        "description": "因涉及不足 5 名居民而隐去（为 null）的指标名",
        "items": {"type": "string", "enum": list(NULLABLE_FIGURES)},
        "uniqueItems": True,
    },
}

ID_RANGE = {"type": "integer", "minimum": 1, "maximum": api.MAX_ID}


def query(name, schema, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description + "；留空或省略表示不限。",
    }


def error_response(description, headers=None):
    response = {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }
    if headers:
        response["headers"] = headers
    return response


def ok(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def operation(operation_id, summary, response, parameters=()):
    responses = {"200": response}
    if parameters:
        responses["400"] = ref("BadRequest", "responses")
    responses["401"] = ref("Unauthorized", "responses")
    responses["429"] = ref("TooManyRequests", "responses")
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": list(parameters),
            "responses": responses,
        }
    }


SCHEMA = {
    "openapi": "3.0.3",
    "info": {
        "title": "文明创建传播覆盖 API",
        "version": "1.0.0",
        "description": (
            "供县数字化城市管理平台只读调用：按宣传活动、日期范围和乡镇统计各社区的传播覆盖。"
            "数字均来自每分钟汇总一次的统计表，rolled_up_to 为最近一次汇总时间。"
            "凡会让人识别出 1–4 名居民的指标一律隐去，为 null，并列入该行的 suppressed。"
            f"每个密钥每分钟最多 {api.RATE_LIMIT} 次请求。"
            "只接受 GET 和 HEAD，其他方法返回 405 及 Error。"
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearerAuth": []}],
    "paths": {
        "/reach/": operation(
            "getReach",
            "各社区、各乡镇及全县的传播覆盖",
            ok("传播覆盖统计", ref("ReachReport")),
            [
                query("campaign", ID_RANGE, "宣传活动 id（见 /campaigns/）"),
                query("start", {"type": "string", "format": "date"}, "起始日期（含），YYYY-MM-DD"),
                query(
                    "end",
                    {"type": "string", "format": "date"},
                    f"截止日期（含），YYYY-MM-DD；不得早于 start，范围最多 {api.MAX_DAYS} 天",
                ),
                query("town", ID_RANGE, "乡镇 id（见 /neighbourhoods/）"),
            ],
        ),
        "/campaigns/": operation(
            "listCampaigns", "已发布的宣传活动", ok("宣传活动列表", ref("CampaignList"))
        ),
        "/neighbourhoods/": operation(
            "listNeighbourhoods", "全部社区及所属乡镇", ok("社区列表", ref("NeighbourhoodList"))
        ),
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApi",
                "summary": "本说明（无需密钥）",
                "security": [],
                "responses": {"200": ok("OpenAPI 3.0 说明", {"type": "object"})},
            }
        },
    },
    "components": {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "管理员发放的密钥：Authorization: Bearer <密钥>",
            }
        },
        "responses": {
            "BadRequest": error_response("参数有误；parameter 指明是哪个参数"),
            "Unauthorized": error_response(
                "缺少密钥，或密钥无效、已吊销",
                {"WWW-Authenticate": {"schema": {"type": "string"}, "required": True}},
            ),
            "TooManyRequests": error_response(
                "请求过于频繁",
                {"Retry-After": {"schema": {"type": "integer", "minimum": 1}, "required": True}},
            ),
        },
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {"type": "string", "description": "可读的错误说明"},
                    "parameter": {"type": "string", "enum": ["campaign", "start", "end", "town"]},
                },
                "additionalProperties": False,
            },
            "Place": record(PLACE),
            "Figures": record(FIGURES, "一个范围内的覆盖指标"),
            "TownReach": record({**PLACE, **FIGURES}),
            "NeighbourhoodReach": record({**PLACE, "town": ref("Place"), **FIGURES}),
            "ReachReport": record(
                {
                    "scope": record(
                        {
                            "campaign": {**ID_RANGE, "nullable": True},
                            "start": {"type": "string", "format": "date", "nullable": True},
                            "end": {"type": "string", "format": "date", "nullable": True},
                            "town": {**ID_RANGE, "nullable": True},
                        },
                        "实际采用的统计范围",
                    ),
                    "rolled_up_to": {
                        "type": "string",
                        "format": "date-time",
                        "nullable": True,
                        "description": "统计表最近一次汇总的时间；尚未汇总时为 null",
                    },
                    "county": ref("Figures"),
                    "towns": {"type": "array", "items": ref("TownReach")},
                    "neighbourhoods": {"type": "array", "items": ref("NeighbourhoodReach")},
                }
            ),
            "Campaign": record(
                {
                    "id": PLACE["id"],
                    "title": {"type": "string"},
                    "theme": {"type": "string"},
                    "start_date": {"type": "string", "format": "date"},
                    "end_date": {"type": "string", "format": "date"},
                    "url": {"type": "string", "format": "uri", "nullable": True},
                }
            ),
            "CampaignList": list_of("campaigns", ref("Campaign")),
            "Neighbourhood": record(
                {
                    **PLACE,
                    "town": ref("Place"),
                    "population": {"type": "integer", "minimum": 0},
                    "households": {"type": "integer", "minimum": 0},
                }
            ),
            "NeighbourhoodList": list_of("neighbourhoods", ref("Neighbourhood")),
        },
    },
}


@api.read_only
def openapi_view(request):
    return api.respond(SCHEMA)
