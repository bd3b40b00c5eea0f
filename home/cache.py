"""Django's Redis cache, acting as an empty cache while Redis cannot be reached."""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
QUIET_SECONDS = 30


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis.Redis per connection pool.

    Django makes a new redis.Redis for every call, and building one costs more than a GET;
    a client shares its pool's connections safely between threads.
    """

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class ResilientRedisCache(RedisCache):
    """Reads miss and writes are dropped when Redis is down, so pages and forms keep working.

    Counting (incr, count_in_window) still raises: a caller that counts, such as a rate limit,
    decides itself.
    """

    last_warning = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

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

    def count_in_window(self, key, timeout, version=None):
        """Count one more in key's fixed window of timeout seconds; return the count so far.

        One round trip: the window is opened (if none is running) and counted in one MULTI, so
        it cannot expire between the two as it could between add() and incr().
        """
        key = self.make_and_validate_key(key, version=version)
        pipeline = self._cache.get_client(key, write=True).pipeline()
        pipeline.set(key, 0, ex=timeout, nx=True)
        pipeline.incr(key)
        return pipeline.execute()[1]
