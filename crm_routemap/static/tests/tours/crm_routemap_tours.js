import {registry} from "@web/core/registry";

const ROW = (task) => `.o_data_row:contains(${task})`;

function complete(task, extra = []) {
    return [
        {
            content: `The task "${task}" waits in my route-map tasks`,
            trigger: `${ROW(task)} button[name=action_open_complete]`,
            run: "click",
        },
        ...extra,
        {
            content: "Complete it",
            trigger: ".modal-footer button[name=action_complete]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: `body:not(:has(.modal-dialog))`,
        },
    ];
}

/**
 * A salesperson completes a typical sale to won from his route-map tasks (data from
 * crm_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_routemap_sale_tour", {
    url: "/odoo/action-crm_routemap.crm_routemap_task_action",
    steps: () => [
        ...complete("Tour qualify", [
            {
                content: "Describe the result",
                trigger: ".modal .o_field_widget[name=result_text] textarea",
                run: "edit The client needs 20 desks",
            },
        ]),
        ...complete("Tour: does the client agree?", [
            {
                content: "Answer the question",
                trigger: ".modal .o_field_widget[name=answer_id] input",
                run: "edit Yes",
            },
            {
                content: "Pick the answer",
                trigger: ".o-autocomplete--dropdown-item:contains(Yes)",
                run: "click",
            },
        ]),
        ...complete("Tour create the customer order"),
    ],
});

const CANVAS = ".o_form_view .o_routemap_canvas";

/**
 * A consultant (sales administrator) draws on a draft map with the bpmn.io modeler: from the
 * start event he appends an action point, then an end point, through the modeler's own
 * context pad; saves and activates (data from crm_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_routemap_modeler_tour", {
    steps: () => [
        {
            content: "The modeler shows the map's start event",
            trigger: `${CANVAS} .djs-element[data-element-id=StartEvent_1] .djs-hit`,
            run: "click",
        },
        {
            content: "Append an action point (a task) to the start event",
            trigger: ".djs-context-pad .entry[data-action='append.append-task']",
            run: "click",
        },
        {
            content: "The action point is drawn, connected to the start",
            trigger: `${CANVAS} .djs-element.djs-shape[data-element-id^=Activity_]`,
        },
        {
            content: "Append an end point to the action point",
            trigger: ".djs-context-pad .entry[data-action='append.end-event']",
            run: "click",
        },
        {
            content: "The end point is drawn",
            trigger: `${CANVAS} .djs-element.djs-shape[data-element-id^=Event_]`,
        },
        {
            content: "Save the map",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the points are listed, nothing is left to fix",
            trigger: ".o_form_view .o_form_saved:not(:has(.alert-warning:visible))",
        },
        {
            content: "Activate the map",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_activate]",
            run: "click",
        },
        {
            content: "The map is active",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Active)",
        },
    ],
});
