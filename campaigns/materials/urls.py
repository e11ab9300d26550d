"""The public material library, mounted at /<lang>/materials/. Staff pages are in campaigns.urls."""

from django.urls import path

from . import public

app_name = "materials"
urlpatterns = [
    path("", public.material_list, name="list"),
    path("<slug:slug>/", public.material_detail, name="detail"),
    path("<slug:slug>/thumbnail.png", public.material_thumbnail, name="thumbnail"),
    path(
        "<slug:slug>/preview-<str:token>-<int:width>.<str:image_format>",
        public.material_preview,
        name="preview",
    ),
    path("<slug:slug>/download/<int:file_id>/", public.material_download, name="download"),
]
