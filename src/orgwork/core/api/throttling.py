"""Request rates of the API, per user (or per address for anonymous calls). The rates come from
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` and are read on each request, so a deployment (or a
test) can change them without restarting. Counters live in the default cache (per process unless
a shared cache is configured)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

__all__ = ["ApiUserThrottle", "ApiAnonThrottle"]


class _LiveRate:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ApiUserThrottle(_LiveRate, UserRateThrottle):
    pass


class ApiAnonThrottle(_LiveRate, AnonRateThrottle):
    pass
