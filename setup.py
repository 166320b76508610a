"""The packages of the wheel: the code's, and the `resources/` folder as `fieldvisit_resources`.

pyproject.toml holds everything else. The resources keep their top-level folder in the
source tree; a wheel installs them as the package `fieldvisit_resources` beside `app`,
where app/resources.py looks. Every folder under resources/ is listed as a package of its
own so that setuptools ships its files as package data without deprecation warnings.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = "fieldvisit_resources"
resource_packages = [RESOURCES] + [
    f"{RESOURCES}.{name}" for name in find_namespace_packages(where="resources")
]

setup(
    packages=[*find_packages(include=["app*", "ui*", "sync*"]), *resource_packages],
    package_dir={RESOURCES: "resources"},
    package_data={name: ["*"] for name in resource_packages},
    include_package_data=False,
)
