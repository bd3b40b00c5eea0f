from .api_tokens import ApiToken
from .campaigns import (
    ArticlePage,
    ArticlePageTag,
    CampaignIndexPage,
    CampaignPage,
    CampaignPageTag,
    NewsIndexPage,
)
from .neighbourhoods import Neighbourhood, Town
from .participation import Participation, record_participation
from .pledges import PledgePage, PledgeSignature
from .reach import ReachDaily, ReachResident, ReachResidentDay, ReachWatermark
from .reach_page import ReachPage
from .regulations import (
    RegulationAttachment,
    RegulationIndexPage,
    RegulationPage,
    RegulationPageTag,
    RelatedRegulation,
)
from .volunteer_signups import AttendanceCorrection, VolunteerSignup
from .volunteering import NeighbourhoodVolunteerPage, VolunteerEventPage, VolunteerIndexPage

__all__ = [
    "ApiToken",
    "AttendanceCorrection",
    "ArticlePage",
    "ArticlePageTag",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignPageTag",
    "Neighbourhood",
    "NeighbourhoodVolunteerPage",
    "NewsIndexPage",
    "Participation",
    "PledgePage",
    "PledgeSignature",
    "ReachDaily",
    "ReachPage",
    "ReachResident",
    "ReachResidentDay",
    "ReachWatermark",
    "RegulationAttachment",
    "RegulationIndexPage",
    "RegulationPage",
    "RegulationPageTag",
    "RelatedRegulation",
    "Town",
    "VolunteerEventPage",
    "VolunteerIndexPage",
    "VolunteerSignup",
    "record_participation",
]
