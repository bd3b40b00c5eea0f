"""Short links printed as QR codes on campaign posters."""

urlpatterns = []
