/** @odoo-module **/
// An Admin on the user forms: roles named by their name, no empty Sales
// heading, and no Archive or Delete offered on the Owner.
import { registry } from "@web/core/registry";

function labelsOf(element) {
    return [...element.querySelectorAll("label")].map((l) => l.textContent.trim());
}

registry.category("web_tour.tours").add("crm_user_management_admin_user_form_tour", {
    url: "/odoo/users",
    steps: () => [
        {
            content: "Open the tour closer",
            trigger: ".o_data_row td:contains(Tour Closer)",
            run: "click",
        },
        {
            content: "Open the Access Rights tab",
            trigger: ".o_notebook a:contains(Access Rights)",
            run: "click",
        },
        {
            content: "The roles are checkboxes named by the role's name",
            trigger: ".o_crm_user_roles:contains(Closer)",
            run() {
                const labels = labelsOf(this.anchor);
                if (!labels.includes("Closer") || labels.some((l) => l.includes("/"))) {
                    throw new Error(`Roles are not named by their name: ${labels}`);
                }
            },
        },
        {
            content: "No heading without fields in normal mode",
            trigger: ".o_notebook .tab-pane.active:has(.o_crm_user_roles)",
            run() {
                const headings = [...this.anchor.querySelectorAll(".o_horizontal_separator")]
                    .map((h) => h.textContent.trim());
                if (headings.includes("Sales")) {
                    throw new Error(`An empty Sales heading shows: ${headings}`);
                }
            },
        },
        {
            content: "Back to the users",
            trigger: ".breadcrumb-item a:contains(Users)",
            run: "click",
        },
        {
            content: "Open the Owner",
            trigger: ".o_data_row td:contains(Tour Owner)",
            run: "click",
        },
        {
            content: "Open the Action menu",
            trigger: ".o_form_view .o_cp_action_menus button",
            run: "click",
        },
        {
            content: "The Action menu offers no Archive or Delete on the Owner",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Duplicate)",
            run() {
                const items = [
                    ...this.anchor.closest(".o-dropdown--menu").querySelectorAll(".o-dropdown-item"),
                ].map((item) => item.textContent.trim());
                for (const refused of ["Archive", "Delete"]) {
                    if (items.includes(refused)) {
                        throw new Error(`${refused} is offered on the Owner: ${items}`);
                    }
                }
            },
        },
    ],
});
