"""Briefing PDFs (ReportLab), without Qt: five kinds of report over the same
page furniture (:mod:`casetracker.reports.pdf`) and audience rules
(:mod:`casetracker.reports.audience`). :class:`casetracker.services.reports.ReportsService`
writes them."""

from casetracker.reports.audience import Audience, Redactor
from casetracker.reports.context import KINDS, Cover, ReportContext, ReportOptions

__all__ = ["KINDS", "Audience", "Cover", "Redactor", "ReportContext", "ReportOptions"]
