from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from .models import Fortune


def fortunes(request):
    rows = list(Fortune.objects.all())
    rows.append(Fortune(id=0, message="Additional fortune added at request time."))
    rows.sort(key=lambda fortune: fortune.message)
    return render(request, "yardstick/fortunes.html", {"fortunes": rows})


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("fortunes/", fortunes), path("healthz", healthz)]
