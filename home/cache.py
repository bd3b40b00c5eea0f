"""Django's Redis cache, acting as an empty cache while Redis cannot be reached."""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
QUIET_SECONDS = 30


class ResilientRedisCache(RedisCache):
    """Reads miss and writes are dropped when Redis is down, so pages and forms keep working.

    Counting (incr) still raises: a caller that counts, such as a rate limit, decides itself.
    """

    last_warning = 0.0

    def unavailable(self, error, fallback):
        now = time.monotonic()
        if now - ResilientRedisCache.last_warning > QUIET_SECONDS:
            ResilientRedisCache.last_warning = now
            logger.warning("Redis cache unavailable, serving without it: %s", error)
        return fallback

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            return self.unavailable(error, default)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            return self.unavailable(error, {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            self.unavailable(error, None)

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            return self.unavailable(error, list(data))

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            return self.unavailable(error, False)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            self.unavailable(error, None)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            return self.unavailable(error, False)
