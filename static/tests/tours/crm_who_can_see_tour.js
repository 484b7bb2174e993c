/** @odoo-module **/
// An Admin opens a private deal, asks who can see it, and reads why a
// Closer cannot.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_user_management_who_can_see_tour", {
    steps: () => [
        {
            content: "The private deal is open",
            trigger: ".o_form_view button.o_crm_who_can_see",
        },
        {
            content: "Ask who can see it",
            trigger: ".o_form_view button.o_crm_who_can_see",
            run: "click",
        },
        {
            content: "The dialog lists its salesperson, not the other closer",
            trigger: ".modal .o_crm_access_list .o_data_row:contains(Tour Carl)",
            run() {
                const names = [
                    ...this.anchor.closest(".o_crm_access_list").querySelectorAll(".o_data_row"),
                ].map((row) => row.textContent);
                if (names.some((text) => text.includes("Tour Chloe"))) {
                    throw new Error(`Tour Chloe is listed: ${names}`);
                }
                if (!names.some((text) => text.includes("salesperson"))) {
                    throw new Error(`No reason shows: ${names}`);
                }
            },
        },
        {
            content: "Ask why Tour Chloe cannot",
            trigger: ".modal .o_crm_explain_user input",
            run: "edit Tour Chloe",
        },
        {
            content: "Pick Tour Chloe",
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Chloe)",
            run: "click",
        },
        {
            content: "The dialog says she cannot open it, and why",
            trigger: ".modal .o_crm_explanation:contains(Open: no):contains(Private to its salesperson)",
        },
        {
            content: "Close",
            trigger: ".modal button.btn-secondary:contains(Close)",
            run: "click",
        },
    ],
});
