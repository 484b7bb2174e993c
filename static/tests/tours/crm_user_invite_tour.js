/** @odoo-module **/
// An admin invites two users from the Users list by pasting their addresses.
import { registry } from "@web/core/registry";

function seatsUsed() {
    const text = document.querySelector(".o_crm_seat_usage").textContent;
    return parseInt(text.match(/(\d+) of \d+ seats used/)[1], 10);
}

registry.category("web_tour.tours").add("crm_user_management_invite_tour", {
    url: "/odoo/action-base.action_res_users",
    steps: () => [
        {
            content: "The users list shows the seat count",
            trigger: ".o_crm_seat_usage:contains(seats used)",
            run() {
                window.crmSeatsBefore = seatsUsed();
            },
        },
        {
            content: "Open the invitation wizard",
            trigger: "button.o_crm_invite_users",
            run: "click",
        },
        {
            content: "The wizard shows the seats before sending",
            trigger: ".modal .o_crm_invite_seats:contains(seats used)",
        },
        {
            content: "Paste two addresses",
            trigger: ".modal .o_crm_invite_paste textarea",
            run() {
                // what a paste from the clipboard does to the box
                this.anchor.value =
                    "tour.one@example.com\nTour Two,tour.two@example.com\nbroken@@x";
                this.anchor.dispatchEvent(new Event("input", { bubbles: true }));
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Leave the box so the lines are filled",
            trigger: ".modal .o_crm_invite_seats",
            run: "click",
        },
        {
            content: "Both addresses became lines",
            trigger: ".modal .o_data_row:nth-child(2) td:contains(tour.two@example.com)",
        },
        {
            content: "The bad line says what is wrong with it, before sending",
            trigger: ".modal .o_data_row:has(td:contains(broken@@x)) td[name='problem']:contains(@)",
        },
        {
            content: "Send anyway",
            trigger: ".modal button.o_crm_invite_send",
            run: "click",
        },
        {
            content: "Nothing was sent: the message names the bad line",
            trigger: ".modal:contains(Nothing was sent):contains(broken@@x)",
        },
        {
            content: "Close the message",
            trigger: ".modal:contains(Nothing was sent) footer .btn-primary",
            run: "click",
        },
        {
            content: "Remove the bad line",
            trigger: ".modal .o_data_row:has(td:contains(broken@@x)) .o_list_record_remove",
            run: "click",
        },
        {
            content: "Send",
            trigger: ".modal:not(:contains(Nothing was sent)) button.o_crm_invite_send",
            run: "click",
        },
        {
            content: "Back on the users list, filtered on Pending",
            trigger: ".o_searchview .o_facet_value:contains(Pending)",
        },
        {
            content: "Both invited users are listed",
            trigger: ".o_list_view .o_data_row td:contains(tour.one@example.com)",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains(tour.two@example.com)",
        },
        {
            content: "The seat count went up by two",
            trigger: ".o_crm_seat_usage:contains(seats used)",
            run() {
                const after = seatsUsed();
                if (after !== window.crmSeatsBefore + 2) {
                    throw new Error(`seats used: ${window.crmSeatsBefore} -> ${after}`);
                }
            },
        },
    ],
});
