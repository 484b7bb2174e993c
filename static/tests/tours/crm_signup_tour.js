/** @odoo-module **/
// An invitee opens the link an admin copied, signs up with a timezone and
// lands in CRM.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_user_management_signup_tour", {
    steps: () => [
        {
            content: "Choose a password",
            trigger: "input#password",
            run: "edit invitee-password-1",
        },
        {
            content: "Confirm it",
            trigger: "input#confirm_password",
            run: "edit invitee-password-1",
        },
        {
            content: "Choose a timezone",
            trigger: "select#tz",
            run: "select Europe/Brussels",
        },
        {
            content: "Sign up",
            trigger: "button[type='submit']",
            run: "click",
        },
        {
            content: "The new user lands in CRM's pipeline",
            trigger: ".o_crm_kanban, .o_kanban_view:has(.o_kanban_record), .o_breadcrumb:contains(Pipeline)",
        },
    ],
});
