from . import (
    crm_routemap_import,
    crm_routemap_process_terminate,
    crm_routemap_start,
    crm_routemap_task_complete,
)
