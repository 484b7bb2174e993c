/** @odoo-module **/
// An admin deletes (archives) a user from the Users list: the dialog says the
// data stays, and the seat count goes down without reloading the page.
import { registry } from "@web/core/registry";

function seatsUsed() {
    const text = document.querySelector(".o_crm_seat_usage").textContent;
    return parseInt(text.match(/(\d+) of \d+ seats used/)[1], 10);
}

registry.category("web_tour.tours").add("crm_user_management_seat_refresh_tour", {
    url: "/odoo/action-base.action_res_users",
    steps: () => [
        {
            content: "The seat count",
            trigger: ".o_crm_seat_usage:contains(seats used)",
            run() {
                window.crmSeatsBefore = seatsUsed();
            },
        },
        {
            content: "Select the leaving user",
            trigger: ".o_data_row:has(td:contains(Tour Leaver)) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Delete",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Delete)",
            run: "click",
        },
        {
            content: "The dialog says Delete archives and the data stays",
            trigger: ".modal:contains(Archive users):contains(stay and keep their owner)",
        },
        {
            content: "Confirm",
            trigger: ".modal footer .btn-primary:contains(Archive)",
            run: "click",
        },
        {
            content: "The user left the list",
            trigger: ".o_list_view:not(:has(td:contains(Tour Leaver)))",
        },
        {
            content: "The seat count went down by one, without a reload",
            trigger: ".o_crm_seat_usage:contains(seats used)",
            run() {
                const after = seatsUsed();
                if (after !== window.crmSeatsBefore - 1) {
                    throw new Error(`seats used: ${window.crmSeatsBefore} -> ${after}`);
                }
            },
        },
    ],
});
