import {registry} from "@web/core/registry";

/**
 * A claims user starts a route map from the claim form and completes its first task there
 * (data from crm_routemap_claim/tests/test_ui.py: claim "Tour scratched desk").
 */
registry.category("web_tour.tours").add("crm_routemap_claim_tour", {
    steps: () => [
        {
            content: "The claim has no route-map task yet",
            trigger: ".o_form_view:not(:has(div[name=routemap_tasks] .o_data_row))",
        },
        {
            content: "Start a route map from the claim",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Start Route Map)",
            run: "click",
        },
        {
            content: "Choose the map",
            trigger: ".modal .o_field_widget[name=routemap_id] input",
            run: "edit Tour claim review",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour claim review)",
            run: "click",
        },
        {
            content: "Start it",
            trigger: ".modal-footer button[name=action_start]",
            run: "click",
        },
        {
            content: "The map's first task shows on the claim, with its performer",
            trigger:
                "div[name=routemap_tasks] .o_data_row:contains(Tour: investigate):contains(Tour Claims)",
        },
        {
            content: "The map drives the claim: no second one is offered",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button:contains(Start Route Map)))",
        },
        {
            content: "Complete it from the claim",
            trigger:
                "div[name=routemap_tasks] .o_data_row:contains(Tour: investigate) button[name=action_open_complete]",
            run: "click",
        },
        {
            content: "Write the result",
            trigger: ".modal .o_field_widget[name=result_text] textarea",
            run: "edit The desk was scratched in transport",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button[name=action_complete]",
            run: "click",
        },
        {
            content: "The next task takes its place",
            trigger:
                "div[name=routemap_tasks] .o_data_row:contains(Tour: compensate):not(:contains(Tour: investigate))",
        },
    ],
});
