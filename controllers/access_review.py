# Copyright 2026 crm_user_management authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, http
from odoo.http import content_disposition, request

from odoo.addons.web.controllers.export import CSVExport, ExcelExport

FORMATS = {"csv": CSVExport, "xlsx": ExcelExport}


class CrmAccessReview(http.Controller):
    @http.route(
        "/crm_user_management/access_review/<string:fmt>", type="http", auth="user"
    )
    def access_review(self, fmt):
        """The access review (``res.users.crm_access_report``) as a file,
        written by Odoo's own CSV and XLSX export."""
        if fmt not in FORMATS:
            return request.not_found()
        headers, rows = request.env["res.users"]._crm_access_report_table()
        exporter = FORMATS[fmt]()
        data = exporter.from_data([{"type": "char"}] * len(headers), headers, rows)
        filename = f"access_review_{fields.Date.today()}{exporter.extension}"
        return request.make_response(
            data,
            headers=[
                ("Content-Type", exporter.content_type),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
