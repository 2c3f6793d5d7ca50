package dev.shiplog.deployment.domain.access;

/** The roles of a project, each including the ones before it (the names service-kit's access checks by). */
public enum ProjectRole {
    VIEWER, DEPLOYER, MAINTAINER, ADMIN
}
