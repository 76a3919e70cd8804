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
 * Mouse events as a hand gives them: over `target`, moving to (x, y), released there, and the
 * click that follows a release (the modeler swallows it after a drag).
 */
function dropAt(target, x, y) {
    const at = {bubbles: true, cancelable: true, view: window, button: 0, clientX: x, clientY: y};
    target.dispatchEvent(new MouseEvent("mousemove", at));
    target.dispatchEvent(new MouseEvent("mouseover", at));
    target.dispatchEvent(new MouseEvent("mousemove", {...at, clientX: x + 1}));
    target.dispatchEvent(new MouseEvent("mouseup", {...at, clientX: x + 1}));
    target.dispatchEvent(new MouseEvent("click", {...at, clientX: x + 1}));
}

function centre(element) {
    const box = element.getBoundingClientRect();
    return [box.left + box.width / 2, box.top + box.height / 2];
}

/**
 * A consultant (sales administrator) draws on a draft map with the bpmn.io modeler: he ends
 * the start event with an end point (context pad), then takes an action point (a task) from
 * the palette and drops it on the arrow between them, which the modeler splits; saves and
 * activates (data from crm_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_routemap_modeler_tour", {
    steps: () => [
        {
            content: "Select the map's start event in the modeler",
            trigger: `${CANVAS} .djs-element[data-element-id=StartEvent_1] .djs-hit`,
            run: "click",
        },
        {
            content: "Append an end point to it",
            trigger: ".djs-context-pad .entry[data-action='append.end-event']",
            run: "click",
        },
        {
            content: "The end point and its arrow are drawn",
            trigger: `${CANVAS}:has(.djs-connection[data-element-id^=Flow_])`,
        },
        {
            content: "Take a task from the palette",
            trigger: `${CANVAS} .djs-palette .entry[data-action='create.task']`,
            run: "click",
        },
        {
            content: "Drop it on the arrow: the action point goes between start and end",
            trigger: `${CANVAS}:has(.djs-connection[data-element-id^=Flow_])`,
            run: function () {
                // (an arrow is a line: the tour sees the canvas, the hand aims at the line)
                const arrow = this.anchor.querySelector(".djs-connection[data-element-id^=Flow_]");
                const [x, y] = centre(arrow);
                dropAt(arrow, x, y);
            },
        },
        {
            content: "The action point is drawn (the test checks the arrows once saved)",
            trigger: `${CANVAS}:has(.djs-shape[data-element-id^=Activity_])`,
        },
        {
            content: "Save the map",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: nothing is left to fix",
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
