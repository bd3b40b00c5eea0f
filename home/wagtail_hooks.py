from wagtail import hooks

from home import page_cache

hooks.register("before_serve_page", page_cache.mark_cacheable)
