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
            content: "A closer's form has its Action menu",
            trigger: ".o_form_view .o_cp_action_menus button",
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
            content: "The Owner's form offers no action to an Admin: no Action menu",
            trigger: ".o_form_view:has(.o_crm_user_roles) .o_field_widget[name=name] input",
            run() {
                if (!this.anchor.value.includes("Tour Owner")) {
                    throw new Error(`Not the Owner's form: ${this.anchor.value}`);
                }
                const menus = document.querySelectorAll(".o_cp_action_menus button");
                if (menus.length) {
                    throw new Error("An Action menu is offered on the Owner");
                }
                const roles = document.querySelector(".o_crm_user_roles input[type=checkbox]");
                if (roles && !roles.disabled) {
                    throw new Error("The Owner's roles can be ticked by an Admin");
                }
            },
        },
    ],
});
