/** @odoo-module **/
// A suspended user types the right password: told the account is suspended.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_user_management_suspended_tour", {
    url: "/web/login",
    steps: () => [
        {
            content: "Type the login",
            trigger: "input#login",
            run: "edit tour_steve",
        },
        {
            content: "Type the right password",
            trigger: "input#password",
            run: "edit steve-password-1",
        },
        {
            content: "Log in",
            trigger: "button[type='submit']",
            run: "click",
        },
        {
            content: "The page says the account is suspended and whom to ask",
            trigger: ".alert-danger:contains(Your account is suspended):contains(Tour Owner)",
        },
    ],
});
